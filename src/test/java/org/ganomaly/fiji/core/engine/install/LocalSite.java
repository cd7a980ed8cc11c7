package org.ganomaly.fiji.core.engine.install;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 serving a folder laid out as DJL's download site (GET and HEAD with
 * Content-Length). A path can be set to break off: its response announces the whole length and stops halfway.
 */
public final class LocalSite implements AutoCloseable {

	private final Path root;
	private final HttpServer server;
	private final ExecutorService threads = Executors.newFixedThreadPool(4);
	private final Map<String, Boolean> breaking = new ConcurrentHashMap<>();

	public LocalSite(Path root) throws IOException {
		this.root = root;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::serve);
		server.setExecutor(threads);
		server.start();
	}

	/** The site's address, as the installer takes it: http://127.0.0.1:PORT/pytorch/. */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pytorch/");
	}

	/** Makes the response for {@code path} (below the root) stop after half its bytes. */
	public void breakOff(String path) {
		breaking.put("/" + path, true);
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			Path file = root.resolve(exchange.getRequestURI().getPath().substring(1));
			if (!Files.isRegularFile(file)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			long length = Files.size(file);
			boolean head = exchange.getRequestMethod().equals("HEAD");
			exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
			exchange.sendResponseHeaders(200, head ? -1 : length);
			if (head) return;
			OutputStream out = exchange.getResponseBody();
			if (breaking.containsKey(exchange.getRequestURI().getPath())) {
				out.write(Files.readAllBytes(file), 0, (int) (length / 2));
				out.flush();
				// Closing the exchange with bytes missing drops the connection, as a lost network would.
				return;
			}
			Files.copy(file, out);
		}
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}
}
