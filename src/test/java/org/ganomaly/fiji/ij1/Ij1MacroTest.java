package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs the macros of {@code macros/} for real in plain ImageJ 1.x: a fresh ImageJ folder with the plugin jar (built
 * from target/classes, with plugins.config) in plugins/ and the runtime jars in jars/, driven by {@code xvfb-run -a
 * java -jar ij.jar -ijpath DIR -batch macro args} (ImageJ 1.x needs a display for its menus).
 */
public class Ij1MacroTest {

	private static final long TIMEOUT_SECONDS = 300;

	@ClassRule
	public static TemporaryFolder temp = new TemporaryFolder();

	private static Path imageJ;
	private static Path ijJar;
	private static Path data;

	@BeforeClass
	public static void layOutImageJ() throws Exception {
		ImageJ1Runs.requireXvfb();
		imageJ = temp.newFolder("ImageJ").toPath();
		Path plugins = Files.createDirectories(imageJ.resolve("plugins"));
		Path jars = Files.createDirectories(imageJ.resolve("jars"));
		ImageJ1Runs.pluginJar(plugins.resolve("GANomaly_-test.jar"));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			String name = path.getFileName().toString();
			if (!name.endsWith(".jar") || name.startsWith("junit") || name.startsWith("hamcrest")) continue;
			if (name.startsWith("ij-")) ijJar = path;
			else Files.createSymbolicLink(jars.resolve(name), path.toAbsolutePath());
		}
		assertNotNull("ImageJ 1.x (net.imagej:ij) is on the test class path", ijJar);

		data = temp.newFolder("data").toPath();
		ImageJ1Runs.writeSlices(DemoImages.normals("normals", 16, 24, 21), data.resolve("normal"));
		ImageJ1Runs.writeSlices(DemoImages.mixed("test", 16, 4, 2, 2, 22), data.resolve("test"));
	}

	@Test
	public void macrosTrainScoreAFolderAndEvaluate() throws Exception {
		Path model = data.resolve("model.ganomaly");
		Path out = data.resolve("results");
		String log = runMacro(
				"train.ijm",
				"folder=[" + data.resolve("normal") + "] model=[" + model + "] image_size=16"
						+ " nz=16 nf=8 batch_size=8 epochs=1 device=cpu losses=[" + out.resolve("losses.csv")
						+ "] plot=["
						+ out.resolve("losses.png") + "]");
		assertTrue(log, log.contains("Epoch 1/1") && log.contains("Model written to " + model));
		// nz, nf and device sit behind the dialog's More settings button: a macro still sets them.
		assertTrue(log, log.contains("Device: cpu") && log.contains("network nz 16, nf 8"));
		assertTrue(Files.size(model) > 0);
		assertEquals(2, Files.readAllLines(out.resolve("losses.csv")).size());
		assertTrue(Files.size(out.resolve("losses.png")) > 0);

		log = runMacro(
				"score-folder.ijm",
				"folder=[" + data.resolve("test") + "] model=[" + model + "] output=[" + out
						+ "] device=cpu regions=true min_region_area=1");
		assertTrue(log, log.contains("Scored 8 samples"));
		List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
		assertEquals(9, scores.size());
		assertTrue(scores.get(1), scores.get(1).startsWith("1,defect-"));
		// With a display the region ROIs go to the ROI Manager, and to regions.zip in the output folder.
		int regionsColumn = List.of(scores.get(0).split(",")).indexOf("Regions");
		int regions = 0;
		for (String row : scores.subList(1, scores.size())) regions += Integer.parseInt(row.split(",")[regionsColumn]);
		assertTrue(
				log,
				log.contains(regions + (regions == 1 ? " region ROI" : " region ROIs") + " added to the ROI Manager"));
		try (java.util.zip.ZipFile zip =
				new java.util.zip.ZipFile(out.resolve("regions.zip").toFile())) {
			assertEquals(regions, zip.size());
		}
		assertEquals(8, IJ.openImage(out.resolve("region-masks.tif").toString()).getStackSize());
		assertEquals(
				ImagePlus.COLOR_RGB,
				IJ.openImage(out.resolve("overlays.tif").toString()).getType());
		ImagePlus maps = IJ.openImage(out.resolve("anomaly-maps.tif").toString());
		assertEquals(8, maps.getStackSize());
		assertEquals(32, maps.getBitDepth());
		assertEquals(
				8, IJ.openImage(out.resolve("reconstructions.tif").toString()).getStackSize());

		log = runMacro("evaluate.ijm", "table=[" + out.resolve("scores.csv") + "] output=[" + out + "]");
		assertTrue(log, log.contains(" AUC ") && log.contains("ROC results in " + out));
		List<String> summary = Files.readAllLines(out.resolve("roc-summary.csv"));
		assertTrue(summary.get(0), summary.get(0).contains("AUC"));
		assertTrue(Files.size(out.resolve("roc.png")) > 0);
		assertTrue(Files.size(out.resolve("precision-recall.png")) > 0);

		log = runMacro("export.ijm", "model=[" + model + "] output=[" + out.resolve("export") + "]");
		assertTrue(log, log.contains("Exported " + model + " to " + out.resolve("export/model.onnx")));
		assertTrue(Files.size(out.resolve("export/model.onnx")) > 0);
		assertTrue(Files.readString(out.resolve("export/model.onnx.json")).contains("\"normalScores\""));
	}

	@Test
	public void aFailingCommandStopsTheMacroWithItsMessageAndStatus1() throws Exception {
		Path out = data.resolve("nothing");
		ImageJ1Runs.MacroRun run = ImageJ1Runs.runMacroForStatus(
				ijJar,
				imageJ,
				Path.of("macros", "score-folder.ijm"),
				"folder=[" + data.resolve("test") + "] model=[" + data.resolve("missing.ganomaly") + "] output=[" + out
						+ "] device=cpu",
				temp.newFile().toPath(),
				TIMEOUT_SECONDS);
		String log = run.log();
		assertEquals("ImageJ's exit status:\n" + log, 1, run.exit());
		assertTrue(log, log.contains("missing.ganomaly' does not exist"));
		assertFalse("the macro stopped at the failing command", log.contains("Scored"));
		assertFalse(Files.exists(out.resolve("scores.csv")));
	}

	/**
	 * A garbage, an empty and a truncated TIFF in a folder: ImageJ's Opener would report them with a modal dialog,
	 * which hung -batch runs. Both commands, both policies, each run bounded by its timeout: skipped and listed, or a
	 * stop that names the file and exits with status 1.
	 */
	@Test
	public void damagedFilesInAFolderNeverHangABatchRun() throws Exception {
		Path odd = Files.createDirectories(data.resolve("odd"));
		try (var files = Files.list(data.resolve("normal"))) {
			for (Path f : files.toList()) Files.copy(f, odd.resolve(f.getFileName()));
		}
		Path some =
				odd.resolve(Files.list(odd).sorted().findFirst().orElseThrow().getFileName());
		byte[] bytes = Files.readAllBytes(some);
		Files.write(odd.resolve("a-garbage.tif"), "not an image at all".getBytes());
		Files.write(odd.resolve("a-empty.tif"), new byte[0]);
		Files.write(odd.resolve("a-truncated.tif"), java.util.Arrays.copyOf(bytes, bytes.length - 60));
		Path model = data.resolve("odd.ganomaly");

		String log = runMacro(
				"train.ijm",
				"folder=[" + odd + "] model=[" + model + "] image_size=16 nz=16 nf=8"
						+ " batch_size=8 epochs=1 device=cpu");
		assertTrue(log, log.contains("Model saved: " + model));
		assertTrue(
				log,
				log.contains("Skipped 3 of 27 files")
						&& log.contains("a-empty.tif' is empty (0 bytes)")
						&& log.contains("a-garbage.tif' is not an image ImageJ can read")
						&& log.contains("a-truncated.tif' is " + "truncated"));

		log = runMacro(
				"score-folder.ijm",
				"folder=[" + odd + "] model=[" + model + "] output=[" + data.resolve("odd-results") + "] device=cpu");
		assertTrue(log, log.contains("Scored 24 samples") && log.contains("Skipped 3 of 27 files"));

		for (String command : new String[] {"Train GANomaly", "Score Stack"}) {
			Path macro = data.resolve("stop.ijm");
			String folderKey = command.startsWith("Train") ? "training_folder" : "input_folder";
			Files.writeString(
					macro,
					"setBatchMode(true);\nrun(\"" + command + "\", \"source=folder " + folderKey + "=["
							+ odd + "] unreadable_files=stop model=["
							+ (command.startsWith("Train") ? data.resolve("stop.ganomaly") : model)
							+ "] image_size=16 nz=16 nf=8 batch_size=8 epochs=1 device=cpu\");\nprint(\"not reached\");\n");
			ImageJ1Runs.MacroRun run = ImageJ1Runs.runMacroForStatus(
					ijJar, imageJ, macro, "", temp.newFile().toPath(), TIMEOUT_SECONDS);
			assertEquals(command + ":\n" + run.log(), 1, run.exit());
			assertTrue(run.log(), run.log().contains("Stopped at file '" + odd.resolve("a-empty.tif") + "'"));
			assertFalse(run.log(), run.log().contains("not reached"));
		}
		assertFalse(Files.exists(data.resolve("stop.ganomaly")));
	}

	/** Runs a macro of macros/ in ImageJ 1.x's batch mode; returns what it printed. */
	private static String runMacro(String macro, String arguments) throws IOException, InterruptedException {
		return ImageJ1Runs.runMacro(
				ijJar,
				imageJ,
				Path.of("macros", macro),
				arguments,
				temp.newFile().toPath(),
				TIMEOUT_SECONDS);
	}
}
