package org.ganomaly.fiji.updatesite;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an update site may put files, by the rules of the updater's
 * {@code Checksummer}: the folder and, for most folders, the file extension.
 */
public final class SitePaths {

	private static final Set<String> SCRIPTS = Set.of(".ijm", ".py", ".rb", ".clj", ".js", ".bsh", ".groovy", ".gvy");

	/** Folder → allowed extensions; an empty set allows any file. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"jars", Set.of(".jar", ".class"),
			"plugins", union(SCRIPTS, Set.of(".jar", ".class", ".txt")),
			"macros", Set.of(".txt", ".ijm", ".png"),
			"scripts", union(SCRIPTS, Set.of(".m")),
			"lib", Set.of());

	private SitePaths() {}

	/** @return why {@code path} may not be on the site, or empty if it may */
	public static Optional<String> problem(final String path) {
		if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")) {
			return Optional.of("is not a relative path with '/' separators");
		}
		for (final String segment : path.split("/")) {
			if (segment.equals("..") || segment.equals(".")) return Optional.of("contains '" + segment + "'");
		}
		final int slash = path.indexOf('/');
		final Set<String> extensions = slash < 0 ? null : ALLOWED.get(path.substring(0, slash));
		if (extensions == null) return Optional.of("is not under jars/, plugins/, macros/, scripts/ or lib/");
		final String name = UpdaterFilenames.baseName(path);
		final int dot = name.lastIndexOf('.');
		if (!extensions.isEmpty() && (dot < 0 || !extensions.contains(name.substring(dot)))) {
			return Optional.of(
					"has an extension the updater does not manage in " + path.substring(0, slash + 1) + " (allowed: "
							+ String.join(" ", extensions.stream().sorted().toList()) + ")");
		}
		if (path.startsWith("plugins/") && name.endsWith(".jar") && !name.contains("_")) {
			return Optional.of("is a plugin jar without '_' in its name: ImageJ would not load its plugins.config");
		}
		return Optional.empty();
	}

	private static Set<String> union(final Set<String> a, final Set<String> b) {
		final Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return Set.copyOf(all);
	}
}
