package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What Fiji already ships, taken from the bill of materials Fiji is built
 * from: an artifact that {@code pom-scijava} manages (same groupId:artifactId)
 * is in Fiji, at the version it manages. The site must not ship those again:
 * the updater would see two copies of one file.
 */
public final class FijiCore {

	private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

	/** groupId:artifactId → managed version (with properties resolved where possible). */
	private final Map<String, String> managed;

	private final Map<String, String> byArtifactId = new HashMap<>();

	private FijiCore(final Map<String, String> managed) {
		this.managed = Map.copyOf(managed);
		managed.keySet().forEach(ga -> byArtifactId.put(ga.substring(ga.indexOf(':') + 1), ga));
	}

	/** Reads the {@code <dependencyManagement>} of a {@code pom-scijava-*.pom}. */
	public static FijiCore fromBom(final Path pomScijava) throws IOException {
		final Element project;
		try {
			final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			project = factory.newDocumentBuilder().parse(pomScijava.toFile()).getDocumentElement();
		} catch (final SAXException | ParserConfigurationException e) {
			throw new IOException(pomScijava + ": not a readable POM: " + e.getMessage(), e);
		}
		final Map<String, String> properties = new HashMap<>();
		final Element props = child(project, "properties");
		if (props != null) {
			for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (n instanceof Element e)
					properties.put(e.getTagName(), e.getTextContent().trim());
			}
		}
		final Map<String, String> managed = new HashMap<>();
		final Element dependencies = child(child(project, "dependencyManagement"), "dependencies");
		if (dependencies == null)
			throw new IOException(pomScijava + ": has no <dependencyManagement>: not a bill of materials");
		for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (!(n instanceof Element dependency)) continue;
			final String ga = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
			managed.put(ga, resolve(text(dependency, "version"), properties));
		}
		return new FijiCore(managed);
	}

	/** For tests and tools that know the list: groupId:artifactId → version. */
	public static FijiCore of(final Map<String, String> managed) {
		return new FijiCore(managed);
	}

	public boolean ships(final String groupId, final String artifactId) {
		return managed.containsKey(groupId + ":" + artifactId);
	}

	/** The version Fiji ships, if it ships the artifact. */
	public Optional<String> version(final String groupId, final String artifactId) {
		return Optional.ofNullable(managed.get(groupId + ":" + artifactId));
	}

	/**
	 * Whether a file such as {@code jars/ij-1.54p.jar} is a Fiji core jar. The
	 * updater names jars by artifactId only, so the groupId cannot be checked.
	 */
	public boolean hasJar(final String path) {
		final String unversioned = UpdaterFilenames.unversioned(path);
		if (!unversioned.startsWith("jars/") || !unversioned.endsWith(".jar")) return false;
		final String artifactId = unversioned.substring("jars/".length(), unversioned.length() - ".jar".length());
		return byArtifactId.containsKey(artifactId);
	}

	private static String resolve(String value, final Map<String, String> properties) {
		// Versions refer to properties that refer to properties: resolve a few levels deep.
		for (int depth = 0; depth < 5 && value.contains("${"); depth++) {
			final Matcher m = PROPERTY.matcher(value);
			final StringBuilder resolved = new StringBuilder();
			while (m.find())
				m.appendReplacement(resolved, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
			m.appendTail(resolved);
			value = resolved.toString();
		}
		return value;
	}

	private static Element child(final Element parent, final String tag) {
		if (parent == null) return null;
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(tag)) return e;
		}
		return null;
	}

	private static String text(final Element parent, final String tag) {
		final Element e = child(parent, tag);
		return e == null ? "" : e.getTextContent().trim();
	}
}
