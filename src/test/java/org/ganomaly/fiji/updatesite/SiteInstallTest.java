package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;
import org.ganomaly.fiji.ij1.ImageJ1Runs;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * The install test: builds the update site from this build (plugin jar from target/classes, the runtime jars the
 * shipping rule selects, macros/*.ijm), installs it into a fresh ImageJ 1.x folder that otherwise holds only
 * {@code ij.jar}, the Fiji core jars Fiji would already have and the CPU libtorch jar, runs the installed
 * {@code macros/score-folder.ijm} there under a virtual display, and checks that its CSV matches scoring the same
 * folder in-process through the build.
 */
public class SiteInstallTest {

	private static final long TIMEOUT_SECONDS = 300;
	/** Scores of ImageJ and of the build may differ by this much, relatively (the CSV has 9 significant digits). */
	private static final double RELATIVE_TOLERANCE = 1e-5;
	private static final Set<String> SHIPPED = Set.of("ai.djl:api", "ai.djl.pytorch:pytorch-engine",
		"ai.djl.pytorch:pytorch-jni");

	@ClassRule
	public static TemporaryFolder temp = new TemporaryFolder();

	private static Context context;

	@BeforeClass
	public static void needsXvfb() throws Exception {
		ImageJ1Runs.requireXvfb();
	}

	@AfterClass
	public static void disposeContext() {
		if (context != null) context.dispose();
	}

	@Test
	public void theInstalledSiteScoresAFolderAsTheBuildDoes() throws Exception {
		Path root = temp.getRoot().toPath();
		Project project = Project.read(Path.of("pom.xml"));
		ClassPath classPath = ClassPath.ofThisJvm(project);

		// (1) The plugin jar, (2) the site from it, the runtime jars the rule ships and the macros.
		Path pluginJar = ImageJ1Runs.pluginJar(root.resolve("build/GANomaly_-" + project.version + ".jar"));
		Path site = root.resolve("site");
		FijiCore fiji = FijiCore.fromBom(classPath.bom(project.parentVersion));
		SiteBuilder.Report report = new SiteBuilder(Clock.systemDefaultZone()).build(new SiteBuilder.Inputs(pluginJar,
			classPath.artifacts, macros(), fiji, SiteMetadata.load(Path.of("update-site/site.properties"))), site);
		Set<String> shipped = report.dependencies().stream().filter(d -> d.verdict() == ShippingRule.Verdict.SHIP).map(
			d -> d.artifact().key()).collect(Collectors.toCollection(TreeSet::new));
		assertEquals("the jars the site ships:\n" + report, new TreeSet<>(SHIPPED), shipped);
		SiteValidator.Result validation = SiteValidator.validate(site, fiji);
		assertTrue("the site is valid:\n" + validation.errors(), validation.isValid());

		// (3) A fresh ImageJ folder: ij.jar, Fiji's core jars, the CPU libtorch jar, and what the site installs.
		Path imageJ = Files.createDirectories(root.resolve("ImageJ"));
		Path ijJar = Files.copy(classPath.jar("net.imagej:ij"), imageJ.resolve("ij.jar"));
		Path jars = Files.createDirectories(imageJ.resolve("jars"));
		for (ShippingRule.Decision decision : report.dependencies()) {
			RuntimeArtifact artifact = decision.artifact();
			boolean fijiCore = decision.verdict() == ShippingRule.Verdict.IN_FIJI && !artifact.key().equals(
				"net.imagej:ij");
			if (fijiCore || artifact.artifactId().equals("pytorch-native-cpu"))
				Files.copy(artifact.file(), jars.resolve(artifact.file().getFileName()));
		}
		List<String> installed = SiteInstaller.install(site, imageJ);
		List<String> expected = new ArrayList<>();
		expected.add("installed plugins/" + pluginJar.getFileName());
		report.dependencies().stream().filter(d -> d.verdict() == ShippingRule.Verdict.SHIP).forEach(d -> expected.add(
			"installed jars/" + d.artifact().file().getFileName()));
		macros().forEach(m -> expected.add("installed macros/" + m.getFileName()));
		assertEquals(new TreeSet<>(expected), new TreeSet<>(installed));
		assertNoBuildClassesOutsideThePlugin(imageJ, "plugins/" + pluginJar.getFileName());

		// (4) A tiny model trained in-process, and images to score.
		Path data = root.resolve("data");
		Path normals = writeImages(data.resolve("normal"), 1, Map.of(Kind.BLOBS, 32));
		Path test = writeImages(data.resolve("test"), 2, Map.of(Kind.BLOBS, 6, Kind.STRIPES, 3, Kind.SCRATCHED, 3));
		Path model = data.resolve("tiny.ganomaly");
		run(TrainCommand.class, inputs("source", "folder", "training_folder", normals.toFile(), "image_size", 16, "nz", 16,
			"nf", 8, "batch_size", 8, "epochs", 1, "precise_bn_batches", 2, "device", "cpu", "model", model.toFile()));

		// (5) The installed score-folder.ijm in the installed ImageJ.
		Path macro = imageJ.resolve("macros/score-folder.ijm");
		Path ijOut = data.resolve("imagej");
		String log = ImageJ1Runs.runMacro(ijJar, imageJ, macro, "folder=[" + test + "] model=[" + model + "] output=["
			+ ijOut + "] device=cpu", root.resolve("imagej.log"), TIMEOUT_SECONDS);
		assertTrue("ImageJ scored the folder:\n" + log, log.contains("Scored 12 samples"));

		// (6) The same folder scored in-process by the build, with the arguments the macro passes.
		Path buildCsv = data.resolve("build/scores.csv");
		run(ScoreCommand.class, inputs("source", "folder", "input_folder", test.toFile(), "unreadable_files", "skip",
			"model", model.toFile(), "batchnorm", "running", "batch_size", 64, "threshold_rule", "model", "threshold",
			0.2, "reconstructions", true, "anomaly_maps", true, "csv", buildCsv.toFile(), "device", "cpu"));
		assertSameScores(Files.readAllLines(buildCsv), Files.readAllLines(ijOut.resolve("scores.csv")));
	}

	/**
	 * Nothing of target/classes may reach the installed ImageJ except through the installed plugin jar: no class files,
	 * and no other jar holding the plugin's packages. (The JVM itself gets only ij.jar on its class path.)
	 */
	private static void assertNoBuildClassesOutsideThePlugin(Path imageJ, String pluginPath) throws IOException {
		Set<String> buildFiles = new HashSet<>();
		Path classes = ImageJ1Runs.classes();
		try (Stream<Path> walk = Files.walk(classes)) {
			walk.filter(Files::isRegularFile).forEach(f -> buildFiles.add(classes.relativize(f).toString().replace(
				File.separatorChar, '/')));
		}
		List<String> files;
		try (Stream<Path> walk = Files.walk(imageJ)) {
			files = walk.filter(Files::isRegularFile).map(f -> imageJ.relativize(f).toString().replace(File.separatorChar,
				'/')).sorted().toList();
		}
		assertTrue("the plugin jar is installed: " + files, files.contains(pluginPath));
		for (String file : files) {
			assertFalse(file + ": a class file outside a jar", file.endsWith(".class"));
			if (!file.endsWith(".jar")) continue;
			Set<String> entries = entries(imageJ.resolve(file));
			if (file.equals(pluginPath)) {
				assertTrue("the installed plugin jar holds all of target/classes", entries.containsAll(buildFiles));
				continue;
			}
			for (String entry : entries)
				assertFalse(file + " holds " + entry + " of the build; only " + pluginPath + " may", entry.startsWith(
					"org/ganomaly/") || entry.equals("plugins.config") || entry.endsWith(".class") && buildFiles
						.contains(entry));
		}
	}

	private static Set<String> entries(Path jar) throws IOException {
		Set<String> names = new HashSet<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements();)
				names.add(e.nextElement().getName());
		}
		return names;
	}

	/**
	 * Same rows in the same order, same file names, the latent score (and every other number) equal within
	 * {@link #RELATIVE_TOLERANCE}, every other text equal.
	 */
	private static void assertSameScores(List<String> build, List<String> imageJ) {
		assertEquals("the CSV header", build.get(0), imageJ.get(0));
		List<String> header = List.of(build.get(0).split(",", -1));
		int label = header.indexOf("Label");
		int latent = header.indexOf("Latent score");
		assertTrue("Label and Latent score columns in " + header, label >= 0 && latent >= 0);
		for (int row = 1; row < Math.max(build.size(), imageJ.size()); row++) {
			assertTrue("row " + row + " only in the build's CSV: " + build.get(Math.min(row, build.size() - 1)), row
				< imageJ.size());
			assertTrue("row " + row + " only in ImageJ's CSV: " + imageJ.get(row), row < build.size());
			String[] b = build.get(row).split(",", -1);
			String[] i = imageJ.get(row).split(",", -1);
			String where = "row " + row + " (" + b[label] + ")";
			assertEquals(where + ": file name", b[label], i[label]);
			assertEquals(where + ": columns", b.length, i.length);
			for (int c = 0; c < b.length; c++) {
				String what = where + ", " + header.get(c) + ": build " + b[c] + ", ImageJ " + i[c];
				if (b[c].equals(i[c])) continue;
				double x = Double.parseDouble(b[c]);
				double y = Double.parseDouble(i[c]);
				assertTrue(what, Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)));
			}
		}
		assertEquals("12 samples", 13, build.size());
	}

	private static List<Path> macros() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("macros"))) {
			return files.filter(f -> f.getFileName().toString().endsWith(".ijm")).sorted().toList();
		}
	}

	/** Seeded synthetic 8-bit images, 16×16, as TIFFs named kind-number.tif. */
	private static Path writeImages(Path folder, long seed, Map<Kind, Integer> counts) throws IOException {
		Files.createDirectories(folder);
		SyntheticImages images = new SyntheticImages(16, seed);
		for (Kind kind : Kind.values()) {
			for (int n = 1; n <= counts.getOrDefault(kind, 0); n++) {
				ImagePlus image = new ImagePlus("", new FloatProcessor(16, 16, images.next(kind)).convertToByteProcessor(
					false));
				IJ.saveAsTiff(image, folder.resolve(String.format("%s-%03d.tif", kind.name().toLowerCase(), n))
					.toString());
			}
		}
		return folder;
	}

	private static Map<String, Object> inputs(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2)
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		return map;
	}

	private static void run(Class<? extends Command> command, Map<String, Object> inputs) throws InterruptedException,
		ExecutionException
	{
		if (context == null) context = new Context(CommandService.class, StatusService.class, LogService.class);
		CommandModule module = context.service(CommandService.class).run(command, false, inputs).get();
		assertFalse(command.getSimpleName() + " failed: " + module.getCancelReason(), module.isCanceled());
	}

	/** What the test needs of pom.xml. */
	private record Project(String version, String parentVersion, Set<String> testDependencies) {

		static Project read(Path pom) throws Exception {
			Element project = parse(pom);
			Set<String> test = new HashSet<>();
			for (Element dependency : children(child(project, "dependencies"), "dependency"))
				if ("test".equals(text(dependency, "scope"))) test.add(text(dependency, "groupId") + ":" + text(
					dependency, "artifactId"));
			return new Project(text(project, "version"), text(child(project, "parent"), "version"), test);
		}
	}

	/**
	 * The jars of this JVM's class path (Surefire's test class path) as Maven artifacts, read from their place in the
	 * local repository. Test scope: the test dependencies of pom.xml and what their POMs need.
	 */
	private static final class ClassPath {

		final Path repository;
		final List<RuntimeArtifact> artifacts = new ArrayList<>();

		private ClassPath(Path repository) {
			this.repository = repository;
		}

		static ClassPath ofThisJvm(Project project) throws Exception {
			List<Path> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
				.filter(p -> p.getFileName().toString().endsWith(".jar")).map(Path::toAbsolutePath).toList();
			Path ij = jars.stream().filter(p -> p.getFileName().toString().startsWith("ij-")).findFirst().orElseThrow(
				() -> new AssertionError("ImageJ 1.x (net.imagej:ij) is on the test class path"));
			ClassPath classPath = new ClassPath(ij.getParent().getParent().getParent().getParent().getParent());
			for (Path jar : jars)
				if (jar.startsWith(classPath.repository)) classPath.artifacts.add(classPath.artifact(jar, "compile"));
			Set<String> test = new HashSet<>(project.testDependencies);
			for (RuntimeArtifact a : classPath.artifacts)
				if (project.testDependencies.contains(a.key())) test.addAll(classPath.needs(a));
			classPath.artifacts.replaceAll(a -> test.contains(a.key()) ? new RuntimeArtifact(a.groupId(), a.artifactId(),
				a.type(), a.classifier(), a.version(), "test", a.file()) : a);
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
			return new RuntimeArtifact(groupId, artifactId, "jar", rest.isEmpty() ? "" : rest.substring(1), version,
				scope, jar);
		}

		/** The compile and runtime dependencies an artifact's POM declares, as groupId:artifactId. */
		private Set<String> needs(RuntimeArtifact a) throws Exception {
			Set<String> needs = new HashSet<>();
			Path pom = a.file().resolveSibling(a.artifactId() + "-" + a.version() + ".pom");
			if (!Files.isRegularFile(pom)) return needs;
			for (Element dependency : children(child(parse(pom), "dependencies"), "dependency")) {
				String scope = text(dependency, "scope");
				if ((scope == null || scope.equals("compile") || scope.equals("runtime")) && !"true".equals(text(
					dependency, "optional"))) needs.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
			}
			return needs;
		}

		Path jar(String key) {
			return artifacts.stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(
				key + " is on the test class path")).file();
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
