package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;
import org.ganomaly.fiji.ij1.ImageJ1Runs;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the install tests share: the update site built from this build, test images, commands run in-process, and
 * the comparison of score CSVs.
 */
final class TestBuild {

	/** Scores of two runs may differ by this much, relatively (the CSV has 9 significant digits). */
	static final double RELATIVE_TOLERANCE = 1e-5;

	static final Set<String> SHIPPED = Set.of(
			"ai.djl:api", "ai.djl.pytorch:pytorch-engine", "ai.djl.pytorch:pytorch-jni", "org.tribuo:tribuo-util-onnx");

	private static Context context;

	private TestBuild() {}

	static synchronized void disposeContext() {
		if (context != null) context.dispose();
		context = null;
	}

	/** The plugin jar (from target/classes), the update site made from it, and what went into it. */
	record Site(Path pluginJar, Path folder, SiteBuilder.Report report, ClassPath classPath, FijiCore fiji) {}

	/**
	 * Builds the plugin jar and the update site from this build into {@code root}, and checks that the site ships
	 * exactly {@link #SHIPPED} and is valid.
	 */
	static Site buildSite(Path root) throws Exception {
		Project project = Project.read(Path.of("plugin.xml"));
		ClassPath classPath = ClassPath.ofThisJvm(project);
		Path pluginJar = ImageJ1Runs.pluginJar(root.resolve("build/GANomaly_-" + project.version + ".jar"));
		try (java.util.jar.JarFile jar = new java.util.jar.JarFile(pluginJar.toFile())) {
			assertTrue(
					"the update-site tools stay out of the plugin jar",
					jar.stream().noneMatch(e -> e.getName().startsWith("org/ganomaly/fiji/updatesite/")));
			assertTrue("the commands are in it", jar.getEntry("org/ganomaly/fiji/command/TrainCommand.class") != null);
		}
		Path site = root.resolve("site");
		FijiCore fiji = FijiCore.fromBom(classPath.bom(project.parentVersion));
		SiteBuilder.Report report = new SiteBuilder(Clock.systemDefaultZone())
				.build(
						new SiteBuilder.Inputs(
								pluginJar,
								classPath.artifacts,
								macros(),
								fiji,
								SiteMetadata.load(Path.of("update-site/site.properties"))),
						site);
		Set<String> shipped = report.dependencies().stream()
				.filter(d -> d.verdict() == ShippingRule.Verdict.SHIP)
				.map(d -> d.artifact().key())
				.collect(Collectors.toCollection(TreeSet::new));
		assertEquals("the jars the site ships:\n" + report, new TreeSet<>(SHIPPED), shipped);
		SiteValidator.Result validation = SiteValidator.validate(site, fiji);
		assertTrue("the site is valid:\n" + validation.errors(), validation.isValid());
		return new Site(pluginJar, site, report, classPath, fiji);
	}

	/**
	 * Same rows in the same order, same file names, the latent score (and every other number) equal within
	 * {@link #RELATIVE_TOLERANCE} (the CSV keeps 9 significant digits), every other text equal.
	 */
	static void assertSameScores(List<String> build, List<String> other, int samples) {
		assertEquals("the CSV header", build.get(0), other.get(0));
		List<String> header = List.of(build.get(0).split(",", -1));
		int label = header.indexOf("Label");
		int latent = header.indexOf("Latent score");
		assertTrue("Label and Latent score columns in " + header, label >= 0 && latent >= 0);
		for (int row = 1; row < Math.max(build.size(), other.size()); row++) {
			assertTrue(
					"row " + row + " only in the build's CSV: " + build.get(Math.min(row, build.size() - 1)),
					row < other.size());
			assertTrue("row " + row + " only in other's CSV: " + other.get(row), row < build.size());
			String[] b = build.get(row).split(",", -1);
			String[] i = other.get(row).split(",", -1);
			String where = "row " + row + " (" + b[label] + ")";
			assertEquals(where + ": file name", b[label], i[label]);
			assertEquals(where + ": columns", b.length, i.length);
			for (int c = 0; c < b.length; c++) {
				String what = where + ", " + header.get(c) + ": build " + b[c] + ", other " + i[c];
				if (b[c].equals(i[c])) continue;
				double x = Double.parseDouble(b[c]);
				double y = Double.parseDouble(i[c]);
				assertTrue(what, Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)));
			}
		}
		assertEquals(samples + " samples", samples + 1, build.size());
	}

	static List<Path> macros() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("macros"))) {
			return files.filter(f -> f.getFileName().toString().endsWith(".ijm"))
					.sorted()
					.toList();
		}
	}

	/** Seeded synthetic 8-bit images, 16×16, as TIFFs named kind-number.tif. */
	static Path writeImages(Path folder, long seed, Map<Kind, Integer> counts) throws IOException {
		Files.createDirectories(folder);
		SyntheticImages images = new SyntheticImages(16, seed);
		for (Kind kind : Kind.values()) {
			for (int n = 1; n <= counts.getOrDefault(kind, 0); n++) {
				ImagePlus image =
						new ImagePlus("", new FloatProcessor(16, 16, images.next(kind)).convertToByteProcessor(false));
				IJ.saveAsTiff(
						image,
						folder.resolve(String.format("%s-%03d.tif", kind.name().toLowerCase(), n))
								.toString());
			}
		}
		return folder;
	}

	static Map<String, Object> inputs(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		return map;
	}

	static synchronized void run(Class<? extends Command> command, Map<String, Object> inputs)
			throws InterruptedException, ExecutionException {
		if (context == null) context = new Context(CommandService.class, StatusService.class, LogService.class);
		CommandModule module = context.service(CommandService.class)
				.run(command, false, inputs)
				.get();
		assertFalse(command.getSimpleName() + " failed: " + module.getCancelReason(), module.isCanceled());
	}

	/** What the test needs of the plugin's POM (plugin.xml). */
	record Project(String version, String parentVersion, Set<String> testDependencies) {

		static Project read(Path pom) throws Exception {
			Element project = parse(pom);
			Set<String> test = new HashSet<>();
			for (Element dependency : children(child(project, "dependencies"), "dependency"))
				if ("test".equals(text(dependency, "scope")))
					test.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
			return new Project(text(project, "version"), text(child(project, "parent"), "version"), test);
		}
	}

	/**
	 * The jars of this JVM's class path (Surefire's test class path) as Maven artifacts, read from their place in the
	 * local repository. Test scope: the test dependencies of plugin.xml and what their POMs need.
	 */
	static final class ClassPath {

		final Path repository;
		final List<RuntimeArtifact> artifacts = new ArrayList<>();

		private ClassPath(Path repository) {
			this.repository = repository;
		}

		static ClassPath ofThisJvm(Project project) throws Exception {
			List<Path> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
					.map(Path::of)
					.filter(p -> p.getFileName().toString().endsWith(".jar"))
					.map(Path::toAbsolutePath)
					.toList();
			Path ij = jars.stream()
					.filter(p -> p.getFileName().toString().startsWith("ij-"))
					.findFirst()
					.orElseThrow(() -> new AssertionError("ImageJ 1.x (net.imagej:ij) is on the test class path"));
			ClassPath classPath = new ClassPath(
					ij.getParent().getParent().getParent().getParent().getParent());
			for (Path jar : jars)
				if (jar.startsWith(classPath.repository)) classPath.artifacts.add(classPath.artifact(jar, "compile"));
			Set<String> test = new HashSet<>(project.testDependencies);
			for (RuntimeArtifact a : classPath.artifacts)
				if (project.testDependencies.contains(a.key())) test.addAll(classPath.needs(a));
			classPath.artifacts.replaceAll(a -> test.contains(a.key())
					? new RuntimeArtifact(
							a.groupId(), a.artifactId(), a.type(), a.classifier(), a.version(), "test", a.file())
					: a);
			return classPath;
		}

		/** {@code <repository>/g/r/o/u/p/artifactId/version/artifactId-version[-classifier].jar} */
		private RuntimeArtifact artifact(Path jar, String scope) {
			Path relative = repository.relativize(jar);
			int n = relative.getNameCount();
			String artifactId = relative.getName(n - 3).toString();
			String version = relative.getName(n - 2).toString();
			String groupId = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
			String file = jar.getFileName().toString();
			String rest = file.substring((artifactId + "-" + version).length(), file.length() - ".jar".length());
			return new RuntimeArtifact(
					groupId, artifactId, "jar", rest.isEmpty() ? "" : rest.substring(1), version, scope, jar);
		}

		/** The compile and runtime dependencies an artifact's POM declares, as groupId:artifactId. */
		private Set<String> needs(RuntimeArtifact a) throws Exception {
			Set<String> needs = new HashSet<>();
			Path pom = a.file().resolveSibling(a.artifactId() + "-" + a.version() + ".pom");
			if (!Files.isRegularFile(pom)) return needs;
			for (Element dependency : children(child(parse(pom), "dependencies"), "dependency")) {
				String scope = text(dependency, "scope");
				if ((scope == null || scope.equals("compile") || scope.equals("runtime"))
						&& !"true".equals(text(dependency, "optional")))
					needs.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
			}
			return needs;
		}

		Path jar(String key) {
			return artifacts.stream()
					.filter(a -> a.key().equals(key))
					.findFirst()
					.orElseThrow(() -> new AssertionError(key + " is on the test class path"))
					.file();
		}

		/** Fiji's bill of materials, the POM the project inherits from. */
		Path bom(String version) {
			Path pom = repository.resolve("org/scijava/pom-scijava/" + version + "/pom-scijava-" + version + ".pom");
			assertTrue(pom + " exists (Maven resolved the parent POM)", Files.isRegularFile(pom));
			return pom;
		}
	}

	private static Element parse(Path xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> list = new ArrayList<>();
		if (parent == null) return list;
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
			if (n instanceof Element e && e.getTagName().equals(name)) list.add(e);
		return list;
	}

	private static Element child(Element parent, String name) {
		List<Element> list = children(parent, name);
		return list.isEmpty() ? null : list.get(0);
	}

	private static String text(Element parent, String name) {
		Element e = child(parent, name);
		return e == null ? null : e.getTextContent().trim();
	}
}
