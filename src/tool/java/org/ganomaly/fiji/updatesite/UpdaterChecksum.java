package org.ganomaly.fiji.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checksums exactly as the Fiji updater computes them, so that the updater sees
 * the files of our site as up to date.
 * <ul>
 * <li>Any file but a jar: SHA-1 of its site-relative path, then its bytes.</li>
 * <li>A jar: SHA-1 over its entries sorted by name, each contributing its name
 * and then its content, where {@code *.properties} entries lose their comment
 * lines and {@code META-INF/MANIFEST.MF} contributes no content. Rebuilding a
 * jar with new entry times, a new build date in {@code pom.properties} or a new
 * manifest therefore keeps its checksum.</li>
 * </ul>
 */
public final class UpdaterChecksum {

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	private UpdaterChecksum() {}

	/**
	 * @param sitePath the file's path relative to the Fiji folder, such as
	 *          {@code jars/api-0.36.0.jar}; it decides the rule and is part of
	 *          the checksum of non-jar files
	 * @param file the file's content
	 * @return the lowercase hexadecimal SHA-1 the updater records
	 */
	public static String of(final String sitePath, final Path file) throws IOException {
		return sitePath.endsWith(".jar") ? ofJar(file) : ofPlainFile(sitePath, file);
	}

	static String ofPlainFile(final String sitePath, final Path file) throws IOException {
		final MessageDigest sha1 = sha1();
		// The updater encodes the path as US-ASCII: a non-ASCII character becomes '?'.
		sha1.update(sitePath.getBytes(StandardCharsets.US_ASCII));
		try (InputStream in = Files.newInputStream(file)) {
			digest(in, sha1);
		}
		return HexFormat.of().formatHex(sha1.digest());
	}

	static String ofJar(final Path file) throws IOException {
		final MessageDigest sha1 = sha1();
		try (JarFile jar = new JarFile(file.toFile())) {
			final List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
			entries.sort(Comparator.comparing(JarEntry::getName));
			for (final JarEntry entry : entries) {
				final String name = entry.getName();
				sha1.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals(MANIFEST)) continue;
				try (InputStream in = jar.getInputStream(entry)) {
					if (name.endsWith(".properties")) sha1.update(withoutCommentLines(in.readAllBytes()));
					else digest(in, sha1);
				}
			}
		} catch (final SecurityException e) {
			throw new IOException(file + ": bad jar signature: " + e.getMessage(), e);
		}
		return HexFormat.of().formatHex(sha1.digest());
	}

	/**
	 * Drops comment lines ({@code #...}) from a properties file but keeps each
	 * one's line feed, as the updater does. Its quirk is kept on purpose: after
	 * an empty line or a line that is only {@code #}, the next line does not
	 * count as a line start, so a comment there is kept. Any other rule would
	 * give other checksums than the updater's.
	 */
	static byte[] withoutCommentLines(final byte[] text) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
		boolean atLineStart = true;
		int i = 0;
		while (i < text.length) {
			final byte b = text[i++];
			if (!atLineStart) {
				out.write(b);
				atLineStart = b == '\n';
				continue;
			}
			if (b != '#') {
				out.write(b);
				atLineStart = false;
				continue;
			}
			while (i < text.length && text[i] == '#') i++;
			if (i == text.length) break;
			if (text[i] == '\n') {
				i++;
				out.write('\n');
				atLineStart = false;
				continue;
			}
			while (i < text.length && text[i] != '\n') i++;
			if (i == text.length) break;
			i++;
			out.write('\n');
			atLineStart = true;
		}
		return out.toByteArray();
	}

	private static void digest(final InputStream in, final MessageDigest sha1) throws IOException {
		final byte[] buffer = new byte[65536];
		for (int n; (n = in.read(buffer)) >= 0; ) sha1.update(buffer, 0, n);
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		} catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-1", e);
		}
	}
}
