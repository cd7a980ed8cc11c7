package org.ganomaly.fiji;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The layering of the sources: no cycle among the packages of {@code core} (or among the plugin's top-level
 * packages), and no ImageJ or SciJava in {@code core}. Read from the imports and qualified names in the sources'
 * code (comments left out).
 */
public class PackageDependenciesTest {

	private static final Path SOURCES = Path.of("src/main/java/org/ganomaly/fiji");
	private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*");
	private static final Pattern REFERENCE = Pattern.compile("org\\.ganomaly\\.fiji\\.([a-z0-9_.]+)\\.[A-Z]");

	@Test
	public void corePackagesFormNoCycle() throws IOException {
		assertNoCycle(dependencies("core"));
	}

	@Test
	public void topLevelPackagesFormNoCycle() throws IOException {
		assertNoCycle(dependencies(""));
	}

	@Test
	public void coreUsesNeitherImageJNorSciJava() throws IOException {
		List<String> offending = new ArrayList<>();
		for (Path file : javaFiles(SOURCES.resolve("core")))
			for (String line : Files.readAllLines(file))
				if (line.matches("import (static )?(ij|net\\.imagej|org\\.scijava)\\..*"))
					offending.add(file + ": " + line);
		assertEquals(List.of(), offending);
	}

	/**
	 * Package → the packages it uses, among the children of {@code parent} ("" for the top-level packages; a
	 * package stands for everything below it).
	 */
	private static Map<String, Set<String>> dependencies(String parent) throws IOException {
		Path root = parent.isEmpty() ? SOURCES : SOURCES.resolve(parent);
		String prefix = parent.isEmpty() ? "" : parent + ".";
		Map<String, Set<String>> uses = new TreeMap<>();
		for (Path file : javaFiles(root)) {
			Path relative = root.relativize(file);
			if (relative.getNameCount() < 2) continue; // a class directly in the parent package
			String from = relative.getName(0).toString();
			uses.computeIfAbsent(from, k -> new TreeSet<>());
			Matcher m =
					REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
			while (m.find()) {
				String used = m.group(1);
				if (!used.startsWith(prefix)) continue;
				String to = used.substring(prefix.length()).split("\\.")[0];
				if (!to.equals(from) && Files.isDirectory(root.resolve(to)))
					uses.get(from).add(to);
			}
		}
		assertTrue("packages were found under " + root, uses.size() > 2);
		return uses;
	}

	private static void assertNoCycle(Map<String, Set<String>> uses) {
		for (String start : uses.keySet()) {
			// Depth-first from each package: reaching it again is a cycle; report the path.
			Deque<List<String>> paths = new ArrayDeque<>();
			paths.push(List.of(start));
			Set<String> seen = new TreeSet<>();
			while (!paths.isEmpty()) {
				List<String> path = paths.pop();
				for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
					List<String> longer = new ArrayList<>(path);
					longer.add(next);
					assertTrue(
							"package cycle: " + String.join(" -> ", longer) + " (" + uses + ")", !next.equals(start));
					if (seen.add(next)) paths.push(longer);
				}
			}
		}
	}

	private static List<Path> javaFiles(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
	}
}
