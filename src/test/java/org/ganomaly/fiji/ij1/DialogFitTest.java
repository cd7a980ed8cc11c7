package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.ganomaly.fiji.command.Choices;
import org.ganomaly.fiji.command.RocCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * The dialogs on a 1280x800 screen (Xvfb), opened and screenshot by {@link DialogScreenshots} in ImageJ 1.x: every
 * window, its OK button included, lies on the screen, fields show the parameters' readable labels, the image size is
 * a choice, ROC Evaluation lists the open tables, and a long error is wrapped.
 */
public class DialogFitTest {

	private static final Rectangle SCREEN = new Rectangle(0, 0, 1280, 800);

	@ClassRule
	public static TemporaryFolder folder = new TemporaryFolder();

	private static Properties seen;
	private static Path shots;

	@BeforeClass
	public static void screenshotTheDialogs() throws Exception {
		ImageJ1Runs.requireXvfb();
		shots = folder.newFolder("dialogs").toPath();
		Path log = shots.resolve("run.log");
		Process process = new ProcessBuilder(
						"xvfb-run",
						"-a",
						"-s",
						"-screen 0 1280x800x24",
						Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Dai.djl.offline=true",
						"-cp",
						System.getProperty("java.class.path"),
						DialogScreenshots.class.getName(),
						shots.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		assertEquals("DialogScreenshots failed:\n" + Files.readString(log), 0, process.exitValue());
		seen = new Properties();
		try (InputStream in = Files.newInputStream(shots.resolve("dialogs.properties"))) {
			seen.load(in);
		}
	}

	@Test
	public void everyWindowAndItsOkButtonIsOnTheScreen() throws IOException {
		for (String window : List.of(
				"train", "train-more", "train-help", "train-more-help", "train-error", "score", "score-more", "roc")) {
			Rectangle bounds = rectangle(window + ".bounds");
			assertTrue(window + " at " + bounds + " is off a 1280x800 screen", SCREEN.contains(bounds));
			assertTrue("a screenshot of " + window, Files.size(shots.resolve(window + ".png")) > 1000);
		}
		for (String window : List.of("train", "train-more", "score", "score-more", "roc", "train-error"))
			assertTrue(window + "'s OK button", SCREEN.contains(rectangle(window + ".ok")));
	}

	@Test
	public void fieldsShowReadableLabelsAndTheSettingsAreSplitInTwo() {
		assertEquals(labels(TrainCommand.class, false, false), seen.getProperty("train.labels"));
		assertEquals(labels(TrainCommand.class, true, false), seen.getProperty("train-more.labels"));
		assertEquals(labels(TrainCommand.class, false, true), seen.getProperty("train.checkboxes"));
		assertEquals(labels(ScoreCommand.class, false, false), seen.getProperty("score.labels"));
		assertEquals(labels(ScoreCommand.class, false, true), seen.getProperty("score.checkboxes"));
		assertEquals(labels(ScoreCommand.class, true, false), seen.getProperty("score-more.labels"));
		assertEquals(labels(RocCommand.class, false, false), seen.getProperty("roc.labels"));
		assertTrue(
				seen.getProperty("score.labels"),
				seen.getProperty("score.labels").contains("|CSV file|"));
		assertTrue(seen.getProperty("train-more.labels").contains("Latent size (nz)"));
	}

	@Test
	public void fixedValuesAreChoicesAndOpenTablesAreListed() {
		assertTrue(
				seen.getProperty("train.choices"),
				List.of(seen.getProperty("train.choices").split("\\|")).contains("16,32,64,128,256"));
		assertTrue(
				seen.getProperty("roc.choices"),
				List.of(seen.getProperty("roc.choices").split("\\|")).contains("Open tables:,GANomaly Scores"));
	}

	@Test
	public void aLongErrorIsWrappedToFitTheScreen() {
		Rectangle error = rectangle("train-error.bounds");
		assertTrue("the error names a 130-character path and is " + error.width + " px wide", error.width < 1000);
	}

	/** The labels a dialog should show: the parameters' own, in order, of one group and one kind. */
	private static String labels(Class<? extends Command> command, boolean moreSettings, boolean checkboxes) {
		try (Context context = new Context(CommandService.class)) {
			CommandInfo info = context.service(CommandService.class).getCommand(command);
			List<String> labels = new ArrayList<>();
			for (ModuleItem<?> item : info.inputs()) {
				if (!CommandDialog.isParameter(item)) continue;
				if (Choices.MORE_SETTINGS.equals(item.get(Choices.GROUP)) != moreSettings) continue;
				if ((item.getType() == boolean.class) == checkboxes) labels.add(item.getLabel());
			}
			return String.join("|", labels);
		}
	}

	private static Rectangle rectangle(String key) {
		String value = seen.getProperty(key);
		assertTrue("DialogScreenshots saw " + key, value != null);
		String[] v = value.split(",");
		return new Rectangle(
				Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]), Integer.parseInt(v[3]));
	}
}
