package org.ganomaly.fiji.core.engine.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * HTTP(S) downloads through {@link HttpURLConnection}, with the proxy that a {@link ProxySelector} picks: by default
 * Java's ({@code https.proxyHost} and {@code https.proxyPort}, {@code http.proxyHost} and {@code http.proxyPort},
 * or the system's with {@code -Djava.net.useSystemProxies=true}), where an https address with no https proxy set
 * goes through the http proxy, because ImageJ's Edit > Options > Proxy Settings sets only that one. Failures
 * become IOExceptions that say what happened (no network, a proxy, a missing file) and what to do. A connection
 * that sends nothing for {@value #READ_TIMEOUT_MS} ms fails rather than hangs.
 */
public final class HttpTransport implements Transport {

	static final int CONNECT_TIMEOUT_MS = 15_000;
	static final int READ_TIMEOUT_MS = 30_000;
	private static final String PROXY_HINT = "If this machine reaches the internet through a proxy, set it in Fiji's "
			+ "Edit > Options > Proxy Settings (or start Fiji with -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT). Without "
			+ "internet, install libtorch offline (README, Installing libtorch).";

	private final ProxySelector proxies;

	/** Through Java's proxy settings, as read at each connection (Fiji may change them while it runs). */
	public HttpTransport() {
		this(new JavaProxies());
	}

	public HttpTransport(ProxySelector proxies) {
		this.proxies = proxies;
	}

	@Override
	public Response get(URI uri) throws IOException {
		HttpURLConnection connection = open(uri, "GET");
		return new Response(connection.getInputStream(), connection.getContentLengthLong());
	}

	@Override
	public long size(URI uri) throws IOException {
		HttpURLConnection connection = open(uri, "HEAD");
		try {
			return connection.getContentLengthLong();
		} finally {
			connection.disconnect();
		}
	}

	private HttpURLConnection open(URI uri, String method) throws IOException {
		Proxy proxy = proxy(uri);
		String via = proxy.type() == Proxy.Type.DIRECT ? "" : " through the proxy " + address(proxy);
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(proxy);
		connection.setRequestMethod(method);
		connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
		connection.setReadTimeout(READ_TIMEOUT_MS);
		int code;
		try {
			code = connection.getResponseCode();
		} catch (UnknownHostException e) {
			throw new IOException(
					"Cannot find the host " + e.getMessage() + via + ": this machine seems to have no "
							+ "network or no name server. " + PROXY_HINT,
					e);
		} catch (ConnectException | NoRouteToHostException e) {
			throw new IOException(
					"Cannot connect to " + target(uri, proxy) + " (" + e.getMessage() + "). " + PROXY_HINT, e);
		} catch (SocketTimeoutException e) {
			throw new IOException(
					"No answer from " + target(uri, proxy) + " within " + CONNECT_TIMEOUT_MS / 1000 + " s. "
							+ PROXY_HINT,
					e);
		}
		if (code == HttpURLConnection.HTTP_PROXY_AUTH)
			throw fail(
					connection,
					"The proxy " + address(proxy) + " asks for a user name and password (HTTP 407), which this "
							+ "command cannot give: ask your administrator for a way to " + uri.getHost() + " without "
							+ "one, or install libtorch offline (README, Installing libtorch).");
		if (code == HttpURLConnection.HTTP_NOT_FOUND)
			throw fail(
					connection,
					uri + " does not exist (HTTP 404)" + via + ": check the download site, or the "
							+ "site has no libtorch for this machine.");
		if (code / 100 != 2)
			throw fail(
					connection,
					"The server answered " + code + " " + connection.getResponseMessage() + " for " + uri + via
							+ ". Try again later. " + PROXY_HINT);
		return connection;
	}

	private static IOException fail(HttpURLConnection connection, String message) throws IOException {
		InputStream error = connection.getErrorStream();
		if (error != null) error.close();
		connection.disconnect();
		return new IOException(message);
	}

	/**
	 * Java's default proxy selector; for https with no https proxy set, the http proxy (http.proxyHost), which
	 * ImageJ's Proxy Settings sets and which tunnels https too.
	 */
	private static final class JavaProxies extends ProxySelector {
		@Override
		public List<Proxy> select(URI uri) {
			ProxySelector java = ProxySelector.getDefault();
			List<Proxy> proxies = java == null ? List.of() : java.select(uri);
			boolean direct = proxies.isEmpty() || proxies.get(0).type() == Proxy.Type.DIRECT;
			String host = System.getProperty("http.proxyHost");
			if (!direct || !"https".equalsIgnoreCase(uri.getScheme()) || host == null || host.isBlank()) return proxies;
			int port = Integer.getInteger("http.proxyPort", 80);
			return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host.trim(), port)));
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException e) {
			// nothing to remember: each failure is reported to the user
		}
	}

	/** "host:port" of a proxy. */
	private static String address(Proxy proxy) {
		return proxy.address() instanceof InetSocketAddress a
				? a.getHostString() + ':' + a.getPort()
				: String.valueOf(proxy.address());
	}

	private Proxy proxy(URI uri) {
		List<Proxy> candidates = proxies == null ? List.of() : proxies.select(uri);
		return candidates.isEmpty() ? Proxy.NO_PROXY : candidates.get(0);
	}

	/** The host a connection goes to: the site's, or the proxy's. */
	private static String target(URI uri, Proxy proxy) {
		return proxy.type() == Proxy.Type.DIRECT
				? uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
				: "the proxy " + address(proxy);
	}
}
