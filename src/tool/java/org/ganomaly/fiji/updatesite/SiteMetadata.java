package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The site's hand-written metadata, from a properties file (UTF-8):
 * <ul>
 * <li>{@code <unversioned path>.description}, {@code .authors} and {@code .links}
 * for a file, e.g. {@code plugins/GANomaly_.jar.description}; lists are
 * separated by {@code ;}. A key {@code <folder>/*.<field>} applies to every
 * file of that folder without its own.</li>
 * <li>{@code exclude}: {@code groupId:artifactId} patterns ({@code *} matches
 * anything) of runtime dependencies never to ship, separated by {@code ,}.</li>
 * </ul>
 */
public final class SiteMetadata {

	private final Properties properties;
	private final List<Pattern> exclusions;

	private SiteMetadata(final Properties properties) {
		this.properties = properties;
		this.exclusions = split(properties.getProperty("exclude", ""), ",").stream()
				.map(SiteMetadata::glob)
				.toList();
	}

	public static SiteMetadata load(final Path file) throws IOException {
		final Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(in);
		}
		return new SiteMetadata(properties);
	}

	public static SiteMetadata empty() {
		return new SiteMetadata(new Properties());
	}

	/** @return the description, or null if there is none */
	public String description(final String unversionedPath) {
		return field(unversionedPath, "description");
	}

	public List<String> authors(final String unversionedPath) {
		return split(field(unversionedPath, "authors"), ";");
	}

	public List<String> links(final String unversionedPath) {
		return split(field(unversionedPath, "links"), ";");
	}

	public boolean excludes(final RuntimeArtifact artifact) {
		return exclusions.stream().anyMatch(p -> p.matcher(artifact.key()).matches());
	}

	private String field(final String path, final String field) {
		final String own = properties.getProperty(path + "." + field);
		if (own != null) return own.strip();
		final String folderDefault =
				properties.getProperty(path.substring(0, path.lastIndexOf('/') + 1) + "*." + field);
		return folderDefault == null ? null : folderDefault.strip();
	}

	private static List<String> split(final String list, final String separator) {
		if (list == null) return List.of();
		return Arrays.stream(list.split(separator))
				.map(String::strip)
				.filter(s -> !s.isEmpty())
				.toList();
	}

	private static Pattern glob(final String glob) {
		return Pattern.compile(Arrays.stream(glob.split("\\*", -1))
				.map(Pattern::quote)
				.reduce((a, b) -> a + ".*" + b)
				.orElse(""));
	}
}
