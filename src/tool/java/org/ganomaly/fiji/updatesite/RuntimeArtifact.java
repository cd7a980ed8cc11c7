package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A dependency the plugin needs at run time, as Maven resolved it.
 *
 * @param classifier empty if none
 * @param file the artifact in the local Maven repository
 */
public record RuntimeArtifact(
		String groupId, String artifactId, String type, String classifier, String version, String scope, Path file) {

	private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test", "import");

	/** {@code groupId:artifactId}, the key Fiji's bill of materials uses. */
	public String key() {
		return groupId + ":" + artifactId;
	}

	/**
	 * Reads the file {@code mvn dependency:list -DoutputAbsoluteArtifactFilename=true
	 * -DoutputFile=FILE} writes: one artifact a line, as
	 * {@code groupId:artifactId:type[:classifier]:version:scope:/absolute/path},
	 * possibly followed by {@code " -- module ..."}.
	 */
	public static List<RuntimeArtifact> readDependencyList(final Path listFile) throws IOException {
		final List<RuntimeArtifact> result = new ArrayList<>();
		for (final String raw : Files.readAllLines(listFile)) {
			final String line = raw.strip().replaceFirst(" -- .*$", "");
			if (line.isEmpty() || line.startsWith("The following files have been resolved") || line.equals("none"))
				continue;
			result.add(parse(line, listFile));
		}
		return result;
	}

	private static RuntimeArtifact parse(final String line, final Path listFile) throws IOException {
		final String[] parts = line.split(":", -1);
		// With a classifier, the scope is the sixth field; without, the fifth.
		final int scopeAt = parts.length > 6 && SCOPES.contains(parts[5]) ? 5 : 4;
		if (parts.length <= scopeAt + 1 || !SCOPES.contains(parts[scopeAt])) {
			throw new IOException(listFile + ": cannot read dependency line '" + line
					+ "' (was it written with -DoutputAbsoluteArtifactFilename=true?)");
		}
		final String classifier = scopeAt == 5 ? parts[3] : "";
		final String path = String.join(":", List.of(parts).subList(scopeAt + 1, parts.length));
		return new RuntimeArtifact(
				parts[0], parts[1], parts[2], classifier, parts[scopeAt - 1], parts[scopeAt], Path.of(path));
	}
}
