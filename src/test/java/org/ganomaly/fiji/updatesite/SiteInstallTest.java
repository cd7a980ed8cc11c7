package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;
import org.ganomaly.fiji.ij1.ImageJ1Runs;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The install test: builds the update site from this build (plugin jar from target/classes, the runtime jars the
 * shipping rule selects, macros/*.ijm), installs it into a fresh ImageJ 1.x folder that otherwise holds only
 * {@code ij.jar}, the Fiji core jars Fiji would already have and the CPU libtorch jar, runs the installed
 * {@code macros/score-folder.ijm} there under a virtual display, and checks that its CSV matches scoring the same
 * folder in-process through the build.
 */
public class SiteInstallTest {

	private static final long TIMEOUT_SECONDS = 300;

	@ClassRule
	public static TemporaryFolder temp = new TemporaryFolder();

	@BeforeClass
	public static void needsXvfb() throws Exception {
		ImageJ1Runs.requireXvfb();
	}

	@AfterClass
	public static void disposeContext() {
		TestBuild.disposeContext();
	}

	@Test
	public void theInstalledSiteScoresAFolderAsTheBuildDoes() throws Exception {
		Path root = temp.getRoot().toPath();
		// (1) The plugin jar, (2) the site from it, the runtime jars the rule ships and the macros.
		TestBuild.Site built = TestBuild.buildSite(root);
		Path pluginJar = built.pluginJar(), site = built.folder();
		SiteBuilder.Report report = built.report();
		TestBuild.ClassPath classPath = built.classPath();

		// (3) A fresh ImageJ folder: ij.jar, Fiji's core jars, the CPU libtorch jar, and what the site installs.
		Path imageJ = Files.createDirectories(root.resolve("ImageJ"));
		Path ijJar = Files.copy(classPath.jar("net.imagej:ij"), imageJ.resolve("ij.jar"));
		Path jars = Files.createDirectories(imageJ.resolve("jars"));
		for (ShippingRule.Decision decision : report.dependencies()) {
			RuntimeArtifact artifact = decision.artifact();
			boolean fijiCore = decision.verdict() == ShippingRule.Verdict.IN_FIJI
					&& !artifact.key().equals("net.imagej:ij");
			if (fijiCore || artifact.artifactId().equals("pytorch-native-cpu"))
				Files.copy(artifact.file(), jars.resolve(artifact.file().getFileName()));
		}
		List<String> installed = SiteInstaller.install(site, imageJ);
		List<String> expected = new ArrayList<>();
		expected.add("installed plugins/" + pluginJar.getFileName());
		report.dependencies().stream()
				.filter(d -> d.verdict() == ShippingRule.Verdict.SHIP)
				.forEach(d ->
						expected.add("installed jars/" + d.artifact().file().getFileName()));
		TestBuild.macros().forEach(m -> expected.add("installed macros/" + m.getFileName()));
		assertEquals(new TreeSet<>(expected), new TreeSet<>(installed));
		assertNoBuildClassesOutsideThePlugin(imageJ, "plugins/" + pluginJar.getFileName());

		// (4) A tiny model trained in-process, and images to score.
		Path data = root.resolve("data");
		Path normals = TestBuild.writeImages(data.resolve("normal"), 1, Map.of(Kind.BLOBS, 32));
		Path test = TestBuild.writeImages(
				data.resolve("test"), 2, Map.of(Kind.BLOBS, 6, Kind.STRIPES, 3, Kind.SCRATCHED, 3));
		Path model = data.resolve("tiny.ganomaly");
		TestBuild.run(
				TrainCommand.class,
				TestBuild.inputs(
						"source",
						"folder",
						"training_folder",
						normals.toFile(),
						"image_size",
						16,
						"nz",
						16,
						"nf",
						8,
						"batch_size",
						8,
						"epochs",
						1,
						"precise_bn_batches",
						2,
						"device",
						"cpu",
						"model",
						model.toFile()));

		// (5) The installed score-folder.ijm in the installed ImageJ.
		Path macro = imageJ.resolve("macros/score-folder.ijm");
		Path ijOut = data.resolve("imagej");
		String log = ImageJ1Runs.runMacro(
				ijJar,
				imageJ,
				macro,
				"folder=[" + test + "] model=[" + model + "] output=[" + ijOut + "] device=cpu",
				root.resolve("imagej.log"),
				TIMEOUT_SECONDS);
		assertTrue("ImageJ scored the folder:\n" + log, log.contains("Scored 12 samples"));

		// (6) The same folder scored in-process by the build, with the arguments the macro passes.
		Path buildCsv = data.resolve("build/scores.csv");
		TestBuild.run(
				ScoreCommand.class,
				TestBuild.inputs(
						"source",
						"folder",
						"input_folder",
						test.toFile(),
						"unreadable_files",
						"skip",
						"model",
						model.toFile(),
						"batchnorm",
						"running",
						"batch_size",
						64,
						"threshold_rule",
						"model",
						"threshold",
						0.2,
						"reconstructions",
						true,
						"anomaly_maps",
						true,
						"csv",
						buildCsv.toFile(),
						"device",
						"cpu"));
		TestBuild.assertSameScores(Files.readAllLines(buildCsv), Files.readAllLines(ijOut.resolve("scores.csv")), 12);
	}

	/**
	 * Nothing of target/classes may reach the installed ImageJ except through the installed plugin jar: no class files,
	 * and no other jar holding the plugin's packages. (The JVM itself gets only ij.jar on its class path.)
	 */
	private static void assertNoBuildClassesOutsideThePlugin(Path imageJ, String pluginPath) throws IOException {
		Set<String> buildFiles = new HashSet<>();
		Path classes = ImageJ1Runs.classes();
		try (Stream<Path> walk = Files.walk(classes)) {
			walk.filter(Files::isRegularFile)
					.forEach(
							f -> buildFiles.add(classes.relativize(f).toString().replace(File.separatorChar, '/')));
		}
		List<String> files;
		try (Stream<Path> walk = Files.walk(imageJ)) {
			files = walk.filter(Files::isRegularFile)
					.map(f -> imageJ.relativize(f).toString().replace(File.separatorChar, '/'))
					.sorted()
					.toList();
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
				assertFalse(
						file + " holds " + entry + " of the build; only " + pluginPath + " may",
						entry.startsWith("org/ganomaly/")
								|| entry.equals("plugins.config")
								|| entry.endsWith(".class") && buildFiles.contains(entry));
		}
	}

	private static Set<String> entries(Path jar) throws IOException {
		Set<String> names = new HashSet<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); )
				names.add(e.nextElement().getName());
		}
		return names;
	}
}
