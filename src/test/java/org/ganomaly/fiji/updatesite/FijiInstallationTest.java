package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.command.ChoiceWordsTest;
import org.ganomaly.fiji.command.RocCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;
import org.ganomaly.fiji.ij1.ImageJ1Runs;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.plugin.Plugin;

/**
 * The plugin in a real Fiji installation, as a user gets it: a copy of the installation named by the environment
 * variable {@code FIJI_HOME} (or the system property {@code fiji.home}) gets the update site built from this build
 * through the installation's own updater, and then runs the Fiji command lines of the README and the macros:
 * the three macros headless ({@code -batch}) and with a (virtual) display, the three commands by
 * {@code --run} with SciJava's syntax, and bad input, checking files, scores (against the build scoring the same
 * folder in-process), messages and exit status. Without an installation the suite is skipped and says so.
 * <p>
 * libtorch is not on the site (DJL downloads it on first use); offline, the CPU build's jar is put into
 * {@code jars/} and every run gets {@code -Dai.djl.offline=true}, as the README says, and preferences of its own.
 */
public class FijiInstallationTest {

	@ClassRule
	public static TemporaryFolder temp = new TemporaryFolder();

	private static Path fiji;
	private static Path data;
	private static Path model;

	@BeforeClass
	public static void installTheSiteIntoACopyOfFiji() throws Exception {
		String home = System.getProperty("fiji.home", System.getenv("FIJI_HOME"));
		if (home == null || home.isBlank())
			System.out.println("FijiInstallationTest: not run, FIJI_HOME is not set "
					+ "(point it at a Fiji installation, e.g. ../shared/fiji-minimal; .ci/run does when it is there).");
		Assume.assumeTrue(
				"FIJI_HOME names no Fiji installation: the Fiji integration suite was not run",
				home != null && !home.isBlank());
		ImageJ1Runs.requireXvfb();
		Path root = temp.getRoot().toPath();
		fiji = FijiRuns.copy(Path.of(home), root.resolve("Fiji"));
		TestBuild.Site site = TestBuild.buildSite(root);

		FijiRuns.Run add = fiji(
				"--update", "add-update-site", "GANomaly", site.folder().toUri().toString());
		assertEquals(add.output(), 0, add.exit());
		FijiRuns.Run off = fiji("--update", "deactivate-update-site", "ImageJ");
		assertEquals(off.output(), 0, off.exit());
		FijiRuns.Run update = fiji("--update", "update");
		assertFalse(
				"the updater reported no error:\n" + update.output(),
				update.output().contains("[ERROR]"));
		FijiRuns.Run check = fiji("--update", "list-not-uptodate");
		assertFalse(
				"every file is installed as the site has it:\n" + check.output(),
				check.output().contains("(MODIFIED)") || check.output().contains("(NEW)"));
		assertTrue(Files.isRegularFile(
				fiji.resolve("plugins").resolve(site.pluginJar().getFileName())));
		assertTrue(Files.isRegularFile(fiji.resolve("jars/api-0.36.0.jar")));
		assertTrue(Files.isRegularFile(fiji.resolve("macros/train.ijm")));
		Path libtorch = site.classPath().jar("ai.djl.pytorch:pytorch-native-cpu");
		Files.copy(libtorch, fiji.resolve("jars").resolve(libtorch.getFileName()));
		// Fiji ships protobuf-java (pom-scijava manages it, so the site does not); the minimal kit lacks it.
		Path protobuf = site.classPath().jar("com.google.protobuf:protobuf-java");
		Files.copy(protobuf, fiji.resolve("jars").resolve(protobuf.getFileName()));

		data = root.resolve("data");
		TestBuild.writeImages(data.resolve("normal"), 1, Map.of(Kind.BLOBS, 32));
		TestBuild.writeImages(data.resolve("test"), 2, Map.of(Kind.BLOBS, 6, Kind.STRIPES, 3, Kind.SCRATCHED, 3));
		Files.createDirectories(data.resolve("empty"));
		model = data.resolve("parts.ganomaly");
		FijiRuns.Run train = fiji(
				"--headless",
				"-batch",
				macro("train.ijm"),
				"folder=[" + data.resolve("normal") + "] model=["
						+ model + "] image_size=16 nz=16 nf=8 batch_size=8 epochs=1 device=cpu losses=["
						+ data.resolve("train/losses.csv") + "] plot=[" + data.resolve("train/losses.png") + "]");
		assertEquals(train.output(), 0, train.exit());
		assertTrue(train.output(), train.output().contains("Model saved: " + model));
		assertTrue(Files.size(model) > 0);
		assertEquals(
				"header and one epoch",
				2,
				Files.readAllLines(data.resolve("train/losses.csv")).size());
		assertTrue(Files.size(data.resolve("train/losses.png")) > 0);
	}

	@AfterClass
	public static void disposeContext() {
		TestBuild.disposeContext();
	}

	@Test
	public void headlessMacrosScoreAsTheBuildDoesAndEvaluate() throws Exception {
		Path out = data.resolve("headless");
		FijiRuns.Run score =
				fiji("--headless", "-batch", macro("score-folder.ijm"), scoreArguments(out) + " regions=true");
		assertEquals(score.output(), 0, score.exit());
		assertTrue(score.output(), score.output().contains("Scored 12 samples; results in " + out));
		TestBuild.assertSameScores(buildScores(), Files.readAllLines(out.resolve("scores.csv")), 12);
		assertTrue(Files.size(out.resolve("reconstructions.tif")) > 0);
		assertTrue(Files.size(out.resolve("anomaly-maps.tif")) > 0);
		// Headless there is no ROI Manager: the regions are files.
		assertTrue(score.output(), score.output().contains(" written to " + out.resolve("regions.zip")));
		assertTrue(Files.size(out.resolve("region-masks.tif")) > 0 && Files.size(out.resolve("overlays.tif")) > 0);

		FijiRuns.Run evaluate = fiji(
				"--headless",
				"-batch",
				macro("evaluate.ijm"),
				"table=[" + out.resolve("scores.csv") + "] pattern=[stripes|scratched] output=[" + out + "]");
		assertEquals(evaluate.output(), 0, evaluate.exit());
		assertTrue(evaluate.output(), evaluate.output().contains("6 abnormal, 6 normal. AUC "));
		assertTrue(Files.readAllLines(out.resolve("roc-summary.csv")).get(0).contains("AUC"));
		assertTrue(Files.size(out.resolve("roc.png")) > 0 && Files.size(out.resolve("precision-recall.png")) > 0);
	}

	@Test
	public void withADisplayTheMacroScoresTheSame() throws Exception {
		Path out = data.resolve("display");
		FijiRuns.Run score = fiji(true, "-batch", macro("score-folder.ijm"), scoreArguments(out) + " regions=true");
		assertEquals(score.output(), 0, score.exit());
		TestBuild.assertSameScores(buildScores(), Files.readAllLines(out.resolve("scores.csv")), 12);
		assertTrue(score.output(), score.output().contains(" added to the ROI Manager"));
	}

	@Test
	public void theCommandsRunByNameWithSciJavaSyntax() throws Exception {
		Path out = Files.createDirectories(data.resolve("run"));
		Path trained = out.resolve("again.ganomaly");
		FijiRuns.Run train = fiji(
				"--headless",
				"--run",
				"Train GANomaly",
				"source='folder', training_folder='" + data.resolve("normal")
						+ "', image_size=16, nz=16, nf=8, batch_size=8, epochs=1, device='cpu', model='" + trained
						+ "', losses_csv='" + out.resolve("losses.csv") + "'");
		assertEquals(train.output(), 0, train.exit());
		assertTrue(Files.size(trained) > 0 && Files.isRegularFile(out.resolve("losses.csv")));

		FijiRuns.Run score = fiji(
				"--headless",
				"--run",
				"Score Stack",
				"source='folder', input_folder='" + data.resolve("test")
						+ "', unreadable_files='skip', model='" + model + "', batchnorm='running', batch_size=64, "
						+ "threshold_rule='model', threshold=0.2, csv='" + out.resolve("scores.csv")
						+ "', region_rois='true', overlays='true', stacks_folder='" + out + "', device='cpu'");
		assertEquals(score.output(), 0, score.exit());
		TestBuild.assertSameScores(buildScores(), Files.readAllLines(out.resolve("scores.csv")), 12);
		assertTrue(Files.isRegularFile(out.resolve("regions.zip")) && Files.size(out.resolve("overlays.tif")) > 0);

		FijiRuns.Run roc = fiji(
				"--headless",
				"--run",
				"ROC Evaluation",
				"table='" + out.resolve("scores.csv") + "', abnormal_pattern='stripes|scratched', output_folder='" + out
						+ "'");
		assertEquals(roc.output(), 0, roc.exit());
		assertTrue(Files.isRegularFile(out.resolve("roc-summary.csv")) && Files.isRegularFile(out.resolve("roc.png")));
	}

	@Test
	public void theExportRunsByNameAndRefusesAMissingModel() throws Exception {
		Path out = data.resolve("export");
		FijiRuns.Run export = fiji(
				"--headless",
				"--run",
				"Export GANomaly Model",
				"model='" + model + "', output_folder='" + out + "', overwrite=false");
		assertEquals(export.output(), 0, export.exit());
		assertTrue(Files.size(out.resolve("parts.onnx")) > 0);
		assertTrue(Files.readString(out.resolve("parts.onnx.json")).contains("\"normalScores\""));

		FijiRuns.Run missing = fiji(
				"--headless",
				"--run",
				"Export GANomaly Model",
				"model='" + data.resolve("missing.ganomaly") + "', output_folder='" + out + "'");
		assertEquals(missing.output(), 1, missing.exit());
		assertTrue(missing.output(), missing.output().contains("does not exist"));
	}

	@Test
	public void aFailingCommandFailsTheRunWithItsMessage() throws Exception {
		Path out = data.resolve("failed");
		String missing = "folder=[" + data.resolve("test") + "] model=[" + data.resolve("missing.ganomaly")
				+ "] output=[" + out + "] device=cpu";
		for (boolean display : new boolean[] {false, true}) {
			FijiRuns.Run score = display
					? fiji(true, "-batch", macro("score-folder.ijm"), missing)
					: fiji("--headless", "-batch", macro("score-folder.ijm"), missing);
			assertEquals(score.output(), 1, score.exit());
			assertTrue(
					score.output(),
					score.output()
							.contains("[ERROR] Score Stack: Model file '" + data.resolve("missing.ganomaly")
									+ "' does not exist."));
			assertFalse("the macro stopped at the command", score.output().contains("Scored "));
			assertFalse(Files.exists(out.resolve("scores.csv")));
		}

		FijiRuns.Run empty = fiji(
				"--headless",
				"-batch",
				macro("train.ijm"),
				"folder=[" + data.resolve("empty") + "] model=[" + data.resolve("never.ganomaly") + "] device=cpu");
		assertEquals(empty.output(), 1, empty.exit());
		assertTrue(empty.output(), empty.output().contains("holds no image files"));
		assertFalse(Files.exists(data.resolve("never.ganomaly")));

		FijiRuns.Run run = fiji(
				"--headless",
				"--run",
				"Score Stack",
				"source='folder', input_folder='" + data.resolve("test") + "', model='"
						+ data.resolve("missing.ganomaly") + "', device='cpu'");
		assertEquals(run.output(), 1, run.exit());
		assertTrue(run.output(), run.output().contains("does not exist"));
	}

	/**
	 * Every choice key of the three commands given an unknown word through {@code --run}, as a pipeline would: the
	 * run fails with status 1 and names each key's word, before any work (one launch per command, every key wrong at
	 * once). SciJava remembers the words in the preferences: these launches have their own, and the model files
	 * the commands require are given (SciJava ends a headless run that lacks a required input silently, status 0).
	 */
	@Test
	public void anUnknownWordFailsTheRunAndIsNamed() throws Exception {
		String prefs = "-Djava.util.prefs.userRoot=" + temp.getRoot().toPath().resolve("prefs-unknown-words");
		for (var command : ChoiceWordsTest.KEYS.entrySet()) {
			List<String> words = new ArrayList<>();
			for (String key : command.getValue().keySet()) words.add(key + "='bogus-" + key + "'");
			if (command.getKey() != RocCommand.class) words.add("model='" + model + "'");
			String label = command.getKey().getAnnotation(Plugin.class).label();
			FijiRuns.Run run = fiji(prefs, "--headless", "--run", label, String.join(", ", words));
			assertEquals(run.output(), 1, run.exit());
			assertTrue(run.output(), run.output().contains("[ERROR] " + label + ": "));
			for (String key : command.getValue().keySet())
				assertTrue(run.output(), run.output().contains(", not 'bogus-" + key + "'."));
		}
	}

	/** The arguments score-folder.ijm gets; the build's own scoring below uses what the macro passes on. */
	private static String scoreArguments(Path out) {
		return "folder=[" + data.resolve("test") + "] model=[" + model + "] output=[" + out + "] device=cpu";
	}

	private static List<String> buildScores() throws Exception {
		Path csv = data.resolve("build/scores.csv");
		if (!Files.exists(csv))
			TestBuild.run(
					ScoreCommand.class,
					TestBuild.inputs(
							"source",
							"folder",
							"input_folder",
							data.resolve("test").toFile(),
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
							"csv",
							csv.toFile(),
							"device",
							"cpu"));
		return Files.readAllLines(csv);
	}

	private static String macro(String name) {
		return fiji.resolve("macros").resolve(name).toString();
	}

	private static FijiRuns.Run fiji(String... arguments) throws IOException, InterruptedException {
		return fiji(false, arguments);
	}

	/** Runs the installation's launcher (under a virtual display if asked), DJL offline; stdout and stderr together. */
	private static FijiRuns.Run fiji(boolean display, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (display) command.addAll(List.of("xvfb-run", "-a"));
		command.add(fiji.resolve("fiji").toString());
		if (!(arguments.length > 0 && arguments[0].equals("--update"))) {
			command.add("-Dai.djl.offline=true");
			// SciJava keeps the inputs of earlier runs in Java's user preferences and --run fills unset parameters
			// from them: each run gets empty preferences of its own, not those of whoever ran Fiji on this machine.
			command.add("-Djava.util.prefs.userRoot="
					+ Files.createTempDirectory(temp.getRoot().toPath(), "prefs"));
		}
		command.addAll(List.of(arguments));
		return FijiRuns.run(command, temp.getRoot().toPath(), environment -> {});
	}
}
