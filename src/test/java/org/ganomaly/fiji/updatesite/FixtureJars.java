package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small jars for tests, with the entry times and manifest a test asks for. */
final class FixtureJars {

	private final Map<String, byte[]> entries = new LinkedHashMap<>();
	private Instant entryTime = Instant.parse("2026-01-01T00:00:00Z");
	private String builtBy = "fixture";

	static FixtureJars jar() {
		return new FixtureJars();
	}

	FixtureJars entry(final String name, final String content) {
		entries.put(name, content.getBytes(StandardCharsets.UTF_8));
		return this;
	}

	FixtureJars entryTime(final Instant time) {
		entryTime = time;
		return this;
	}

	FixtureJars builtBy(final String name) {
		builtBy = name;
		return this;
	}

	Path writeTo(final Path file) throws IOException {
		Files.createDirectories(file.getParent());
		final Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue("Built-By", builtBy);
		try (OutputStream file_ = Files.newOutputStream(file);
				JarOutputStream out = new JarOutputStream(file_, manifest)) {
			for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
				final JarEntry entry = new JarEntry(e.getKey());
				entry.setLastModifiedTime(FileTime.from(entryTime));
				out.putNextEntry(entry);
				out.write(e.getValue());
				out.closeEntry();
			}
		}
		return file;
	}
}
