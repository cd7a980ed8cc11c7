package org.ganomaly.fiji.core.engine.install;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/** How the installer reads from the download site: {@link HttpTransport} over HTTP(S), through Java's proxy settings. */
public interface Transport {

	/** The body of {@code uri}; an IOException whose message says what failed and what to do. */
	Response get(URI uri) throws IOException;

	/** The size in bytes of {@code uri} (a HEAD request), or -1 when the server does not say. */
	long size(URI uri) throws IOException;

	/** A response body and its length in bytes (-1 when unknown). */
	record Response(InputStream body, long length) implements Closeable {
		@Override
		public void close() throws IOException {
			body.close();
		}
	}
}
