package org.ganomaly.fiji.command;

import static org.ganomaly.fiji.command.Commands.fail;
import static org.ganomaly.fiji.command.Commands.inputs;
import static org.ganomaly.fiji.command.Commands.pixels;
import static org.ganomaly.fiji.command.Commands.succeed;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.nn.Tensor;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.NormalStatistics;
import org.ganomaly.fiji.core.score.NormalTail;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.command.CommandModule;

public class ScoreCommandTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	/** Generated 8-bit planes, each its own pattern, labelled by number; reading a plane now and then pauses. */
	private static final class SlowStack extends VirtualStack {
		private final int planes;

		SlowStack(int planes) {
			super(16, 16, null, null);
			this.planes = planes;
		}

		@Override
		public int getSize() {
			return planes;
		}

		@Override
		public String getSliceLabel(int n) {
			return "plane-" + n;
		}

		@Override
		public ImageProcessor getProcessor(int n) {
			if (n % 13 == 0) LockSupport.parkNanos(200_000);
			ByteProcessor ip = new ByteProcessor(16, 16);
			for (int i = 0; i < 256; i++) ip.set(i, (int) (127 + 120 * Math.sin(0.01 * n * i + n)));
			return ip;
		}
	}

	@Test
	public void thousandsOfSlowlyReadPlanesEachGetTheirOwnRow() throws IOException {
		int planes = 2000;
		ImagePlus stack = new ImagePlus("slow", new SlowStack(planes));
		succeed(
				ScoreCommand.class,
				inputs("input", stack, "model", Commands.resizeModel().toFile(), "batch_size", 24, "device", "cpu"));
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		assertEquals(planes, table.size());
		double[] latent = new double[planes];
		for (int row = 0; row < planes; row++) {
			assertEquals(row + 1, (int) table.getValue("Slice", row));
			assertEquals("plane-" + (row + 1), table.getStringValue(ScoreTable.LABEL, row));
			latent[row] = table.getValue(ScoreTable.LATENT, row);
		}
		for (int plane : new int[] {1, 25, 777, planes}) {
			ImagePlus one = new ImagePlus("one", new SlowStack(planes).getProcessor(plane));
			succeed(
					ScoreCommand.class,
					inputs("input", one, "model", Commands.resizeModel().toFile(), "device", "cpu"));
			assertEquals(
					"plane " + plane + " scored alone",
					Tables.find(ScoreTable.TITLE).getValue(ScoreTable.LATENT, 0),
					latent[plane - 1],
					1e-6 * Math.max(1, latent[plane - 1]));
		}
	}

	@Test
	public void scoresAnOpenStackIntoTheTableImagesAndCsv() throws IOException {
		ImagePlus stack = DemoImages.mixed("mixed", 16, 6, 3, 3, 8);
		Object[] before = pixels(stack);
		Path csv = temp.getRoot().toPath().resolve("out/scores.csv");
		CommandModule module = succeed(
				ScoreCommand.class,
				inputs(
						"input",
						stack,
						"model",
						Commands.resizeModel().toFile(),
						"reconstructions",
						true,
						"anomaly_maps",
						true,
						"csv",
						csv.toFile(),
						"device",
						"cpu"));

		ResultsTable table = Tables.find(ScoreTable.TITLE);
		assertEquals(12, table.size());
		ModelManifest manifest = ModelFile.readManifest(Commands.resizeModel());
		assertNotNull("training stores the verdict's calibration", manifest.verdictCalibration());
		// The verdict flags a combined score above the rarity of the normals' threshold quantile, and only those.
		Calibration combined = manifest.verdictCalibration().combined();
		double verdictThreshold = new NormalTail(combined).rarity(combined.threshold());
		for (int row = 0; row < 12; row++) {
			assertEquals(stack.getStack().getSliceLabel(row + 1), table.getStringValue(ScoreTable.LABEL, row));
			assertEquals(row + 1, (int) table.getValue("Slice", row));
			double latent = table.getValue(ScoreTable.LATENT, row);
			double calibrated = table.getValue(ScoreTable.CALIBRATED, row);
			assertTrue(latent >= 0 && calibrated >= 0 && calibrated <= 1);
			assertTrue(table.getValue(ScoreTable.RECONSTRUCTION, row) > 0);
			double score = table.getValue(ScoreTable.COMBINED, row);
			assertTrue(score >= 0 && Double.isFinite(score));
			if (table.getStringValue(ScoreTable.ANOMALOUS, row).equals("yes")) assertTrue(score >= verdictThreshold);
			else assertTrue(score <= verdictThreshold);
		}
		ImagePlus reconstructions = (ImagePlus) module.getOutput("reconstruction_stack");
		ImagePlus maps = (ImagePlus) module.getOutput("anomaly_map_stack");
		assertEquals(12, reconstructions.getStackSize());
		assertEquals(32, maps.getBitDepth());
		assertEquals(stack.getStack().getSliceLabel(5), maps.getStack().getSliceLabel(5));
		assertNull("resize models make no heat map", module.getOutput("heat_map_stack"));

		List<String> lines = Files.readAllLines(csv);
		assertEquals(13, lines.size());
		assertTrue(
				lines.get(0),
				lines.get(0)
						.startsWith("Sample,Label,Slice,C,Z,T,Latent score,Calibrated score,"
								+ "Reconstruction error,Combined score,Min-max score,Anomalous"));
		assertTrue(lines.get(1), lines.get(1).startsWith("1," + stack.getStack().getSliceLabel(1) + ",1,"));
		assertEquals(
				"no temporary files are left", 1, Files.list(csv.getParent()).count());
		assertArrayEquals("the input is unchanged", before, pixels(stack));
	}

	@Test
	public void tiledScoringMakesAHeatMapAtTheInputsSize() throws IOException {
		ImagePlus stack = DemoImages.mixed("big", 40, 2, 1, 0, 9);
		CommandModule module = succeed(
				ScoreCommand.class,
				inputs("input", stack, "model", Commands.tileModel().toFile(), "heat_map", true, "device", "cpu"));
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		assertEquals(3 * 9, table.size()); // 16×16 tiles every 16 px over 40 px: origins 0, 16, 24
		assertEquals(24, (int) table.getValue("Tile X", 2));
		ImagePlus heatMap = (ImagePlus) module.getOutput("heat_map_stack");
		assertEquals(40, heatMap.getWidth());
		assertEquals(40, heatMap.getHeight());
		assertEquals(3, heatMap.getStackSize());
	}

	@Test
	public void streamsAFolderWritingOneHeatMapPerImage() throws IOException {
		File folder = temp.newFolder("images");
		ImagePlus images = DemoImages.mixed("images", 32, 2, 1, 0, 10);
		for (int n = 1; n <= 3; n++)
			IJ.saveAsTiff(
					new ImagePlus("", images.getStack().getProcessor(n)),
					new File(folder, images.getStack().getSliceLabel(n) + ".tif").getPath());
		Files.writeString(folder.toPath().resolve("notes.png"), "not an image");
		Path heatMaps = temp.getRoot().toPath().resolve("heat");
		succeed(
				ScoreCommand.class,
				inputs(
						"source",
						"folder",
						"input_folder",
						folder,
						"model",
						Commands.tileModel().toFile(),
						"heat_map",
						true,
						"heat_map_folder",
						heatMaps.toFile(),
						"device",
						"cpu"));

		ResultsTable table = Tables.find(ScoreTable.TITLE);
		assertEquals(3 * 4, table.size());
		assertEquals("defect-stripes-0001.tif", table.getStringValue(ScoreTable.LABEL, 0));
		assertEquals(3, Files.list(heatMaps).count());
		ImagePlus heatMap =
				IJ.openImage(heatMaps.resolve("normal-0002_heatmap.tif").toString());
		assertEquals(32, heatMap.getWidth());
		assertEquals(32, heatMap.getBitDepth());
	}

	@Test
	public void scoresTheFilesOfAListInItsOrderSkippingWhatIsMissing() throws IOException {
		File folder = temp.newFolder("listed");
		ImagePlus images = DemoImages.mixed("images", 16, 2, 1, 0, 11);
		for (int n = 1; n <= 3; n++)
			IJ.saveAsTiff(
					new ImagePlus("", images.getStack().getProcessor(n)),
					new File(folder, "image" + n + ".tif").getPath());
		Path list = temp.getRoot().toPath().resolve("batch.txt");
		Files.writeString(
				list,
				"# tonight's batch\nlisted/image3.tif\n\n" + folder.toPath().resolve("image1.tif")
						+ "\nlisted/gone.tif\n");
		Map<String, Object> in = inputs(
				"source",
				"list",
				"input_folder",
				list.toFile(),
				"model",
				Commands.resizeModel().toFile(),
				"device",
				"cpu");
		List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
		org.scijava.log.LogListener listener = message -> log.add(message.text());
		Commands.context().service(org.scijava.log.LogService.class).addLogListener(listener);
		try {
			succeed(ScoreCommand.class, in);
		} finally {
			Commands.context().service(org.scijava.log.LogService.class).removeLogListener(listener);
		}
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		assertEquals(2, table.size());
		assertEquals("image3.tif", table.getStringValue(ScoreTable.LABEL, 0));
		assertEquals("image1.tif", table.getStringValue(ScoreTable.LABEL, 1));
		assertTrue(
				log.toString(),
				log.stream()
						.anyMatch(m -> m.contains("File list '" + list + "': Skipped 1 of 3 " + "files")
								&& m.contains("gone.tif")));

		in.put("unreadable_files", "stop");
		assertTrue(fail(ScoreCommand.class, in)
				.contains("Stopped at file '" + folder.toPath().resolve("gone.tif")));
		Files.writeString(list, "# nothing yet\n");
		assertTrue(fail(ScoreCommand.class, in).contains("The file list '" + list + "' names no files."));
	}

	@Test
	public void calibratedMapsSayHowRareEachPixelIsAmongNormals() throws IOException {
		ImagePlus normals = DemoImages.normals("normals", 16, 6, 21);
		ModelManifest manifest = ModelFile.readManifest(Commands.resizeModel());
		assertEquals(
				NormalStatistics.PIXEL_QUANTILE, manifest.pixelCalibration().thresholdQuantile(), 0);
		CommandModule module = succeed(
				ScoreCommand.class,
				inputs(
						"input",
						normals,
						"model",
						Commands.resizeModel().toFile(),
						"anomaly_maps",
						true,
						"calibrated_maps",
						true,
						"device",
						"cpu"));
		ImagePlus maps = (ImagePlus) module.getOutput("anomaly_map_stack");
		assertEquals(0.99, maps.getDisplayRangeMin(), 1e-6); // ImageJ keeps display ranges as floats
		assertEquals(1, maps.getDisplayRangeMax(), 0);
		long above = 0, pixels = 0;
		for (int n = 1; n <= maps.getStackSize(); n++)
			for (float v : (float[]) maps.getStack().getPixels(n)) {
				assertTrue(v + " is not a fraction", v >= 0 && v <= 1);
				if (v > NormalStatistics.PIXEL_QUANTILE) above++;
				pixels++;
			}
		// New normal images: about 1 in 1,000 pixels above the pixel threshold (few, not none or many).
		assertTrue(above + " of " + pixels + " pixels above the threshold", above < 0.01 * pixels);

		// The same maps in intensity units, calibrated pixel by pixel, give the same values.
		ImagePlus raw = (ImagePlus) succeed(
						ScoreCommand.class,
						inputs(
								"input",
								normals,
								"model",
								Commands.resizeModel().toFile(),
								"anomaly_maps",
								true,
								"device",
								"cpu"))
				.getOutput("anomaly_map_stack");
		double scale = manifest.intensity().networkToIntensityScale();
		float rawValue = raw.getStack().getProcessor(2).getf(5, 7);
		assertEquals(
				manifest.pixelCalibration().calibrated(rawValue / scale),
				maps.getStack().getProcessor(2).getf(5, 7),
				1e-6);

		// A model without pixel calibration (made before it existed) is refused with a message.
		Path old = temp.getRoot().toPath().resolve("old.ganomaly");
		try (GanomalyModel model = ModelFile.load(Commands.resizeModel(), DeviceRuntime.cpu())) {
			ModelManifest m = model.manifest();
			ModelFile.save(
					new GanomalyModel(
							model.networks(),
							new ModelManifest(
									m.format(),
									m.formatVersion(),
									m.network(),
									m.preprocessing(),
									m.training(),
									m.summary(),
									m.calibration(),
									null,
									null,
									m.software(),
									m.created(),
									m.contents()),
							null),
					old,
					false);
		}
		String message = fail(
				ScoreCommand.class,
				inputs(
						"input",
						normals,
						"model",
						old.toFile(),
						"anomaly_maps",
						true,
						"calibrated_maps",
						true,
						"device",
						"cpu"));
		assertTrue(message, message.contains("has no pixel calibration"));

		// Its verdict is the latent rule, as before the combined score.
		succeed(ScoreCommand.class, inputs("input", normals, "model", old.toFile(), "device", "cpu"));
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		double threshold = ModelFile.readManifest(old).calibration().threshold();
		for (int row = 0; row < table.size(); row++)
			assertEquals(
					table.getValue(ScoreTable.LATENT, row) > threshold ? "yes" : "no",
					table.getStringValue(ScoreTable.ANOMALOUS, row));
	}

	@Test
	public void theTableCountsEachSamplesAnomalousRegions() throws IOException {
		ImagePlus stack = DemoImages.mixed("mixed", 16, 6, 3, 3, 8);
		CommandModule module = succeed(
				ScoreCommand.class,
				inputs(
						"input",
						stack,
						"model",
						Commands.resizeModel().toFile(),
						"anomaly_maps",
						true,
						"min_region_area",
						1,
						"device",
						"cpu"));
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		ImagePlus maps = (ImagePlus) module.getOutput("anomaly_map_stack");
		double threshold = ModelFile.readManifest(Commands.resizeModel())
				.pixelCalibration()
				.threshold();
		double scale =
				ModelFile.readManifest(Commands.resizeModel()).intensity().networkToIntensityScale();
		double[] areas = new double[table.size()];
		for (int row = 0; row < table.size(); row++) {
			float[] map = (float[]) maps.getStack().getPixels(row + 1);
			long above = 0;
			float max = 0;
			for (float v : map) {
				if (v / scale > threshold) above++;
				max = Math.max(max, v);
			}
			// With a minimum area of 1 pixel every pixel above the threshold is in a region.
			areas[row] = table.getValue(ScoreTable.AREA, row);
			assertEquals(above, (long) table.getValue(ScoreTable.AREA, row), 1);
			assertTrue(table.getValue(ScoreTable.REGIONS, row) <= above);
			assertEquals(max, table.getValue(ScoreTable.MAX_MAP, row), 1e-3 * Math.max(1, max));
		}
		Path stacks = temp.getRoot().toPath().resolve("stacks");
		CommandModule masked = succeed(
				ScoreCommand.class,
				inputs(
						"input",
						stack,
						"model",
						Commands.resizeModel().toFile(),
						"region_masks",
						true,
						"stacks_folder",
						stacks.toFile(),
						"device",
						"cpu"));
		ImagePlus masks = (ImagePlus) masked.getOutput("region_mask_stack");
		assertEquals(stack.getStackSize(), masks.getStackSize());
		assertEquals(stack.getStack().getSliceLabel(3), masks.getStack().getSliceLabel(3));
		// The default minimum area keeps fewer regions than 1 pixel did, and the masks hold exactly those.
		ResultsTable kept = Tables.find(ScoreTable.TITLE);
		for (int row = 0; row < kept.size(); row++) {
			long inside = 0;
			for (byte b : (byte[]) masks.getStack().getPixels(row + 1)) if (b != 0) inside++;
			assertEquals("the mask holds the regions' area", (long) kept.getValue(ScoreTable.AREA, row), inside);
			assertTrue(kept.getValue(ScoreTable.AREA, row) <= areas[row]);
		}
		assertEquals(
				stack.getStackSize(),
				IJ.openImage(stacks.resolve("region-masks.tif").toString()).getStackSize());
		succeed(
				ScoreCommand.class,
				inputs(
						"input",
						stack,
						"model",
						Commands.resizeModel().toFile(),
						"min_region_area",
						257,
						"device",
						"cpu"));
		for (int row = 0; row < table.size(); row++)
			assertEquals(
					"no region is larger than the image",
					0,
					Tables.find(ScoreTable.TITLE).getValue(ScoreTable.REGIONS, row),
					0);
	}

	@Test
	public void regionsBecomeRoisOnTheirSamplesSlicesAndOverlaysShowTheMaps() throws IOException {
		ImagePlus stack = DemoImages.mixed("mixed", 16, 6, 3, 3, 8);
		Path stacks = temp.getRoot().toPath().resolve("region-output");
		Map<String, Object> in = inputs(
				"input",
				stack,
				"model",
				Commands.resizeModel().toFile(),
				"region_rois",
				true,
				"overlays",
				true,
				"min_region_area",
				1,
				"device",
				"cpu");
		String message = fail(ScoreCommand.class, in);
		assertTrue(message, message.contains("no ROI Manager: choose a stacks folder"));

		in.put("stacks_folder", stacks.toFile());
		CommandModule module = succeed(ScoreCommand.class, in);
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		List<Roi> rois = readRoiSet(stacks.resolve("regions.zip"));
		int regions = 0;
		for (int row = 0; row < table.size(); row++) {
			int count = (int) table.getValue(ScoreTable.REGIONS, row);
			regions += count;
			int slice = row + 1;
			List<Roi> onSlice =
					rois.stream().filter(r -> r.getPosition() == slice).toList();
			assertEquals("sample " + slice + "'s ROIs", count, onSlice.size());
			long area = 0;
			for (Roi roi : onSlice) {
				assertTrue(roi.getName(), roi.getName().startsWith(table.getStringValue(ScoreTable.LABEL, row)));
				area += roi.getContainedPoints().length;
			}
			assertEquals("the ROIs cover the anomalous area", (long) table.getValue(ScoreTable.AREA, row), area);
		}
		assertTrue("the defects give regions", regions > 0);
		assertEquals(regions, rois.size());

		ImagePlus overlays = (ImagePlus) module.getOutput("overlay_stack");
		assertEquals(ImagePlus.COLOR_RGB, overlays.getType());
		assertEquals(stack.getStackSize(), overlays.getStackSize());
		assertEquals(stack.getStack().getSliceLabel(4), overlays.getStack().getSliceLabel(4));
		assertEquals(
				stack.getStackSize(),
				IJ.openImage(stacks.resolve("overlays.tif").toString()).getStackSize());

		// A higher pixel quantile is a higher threshold: less anomalous area, never more.
		double[] area = column(table, ScoreTable.AREA);
		in.put("pixel_quantile", 0.9999);
		succeed(ScoreCommand.class, in);
		double[] stricter = column(Tables.find(ScoreTable.TITLE), ScoreTable.AREA);
		for (int row = 0; row < area.length; row++) assertTrue(stricter[row] <= area[row]);
		assertTrue(java.util.Arrays.stream(stricter).sum()
				< java.util.Arrays.stream(area).sum());
	}

	private static List<Roi> readRoiSet(Path file) throws IOException {
		List<Roi> rois = new java.util.ArrayList<>();
		try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
			for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; )
				rois.add(new ij.io.RoiDecoder(zip.readAllBytes(), e.getName()).getRoi());
		}
		return rois;
	}

	@Test
	public void halfPrecisionGivesTheFloat32ScoresToWithinHalfAPercent() throws IOException {
		ImagePlus stack = DemoImages.mixed("mixed", 16, 6, 3, 3, 8);
		Map<String, Object> in =
				inputs("input", stack, "model", Commands.resizeModel().toFile(), "device", "cpu");
		succeed(ScoreCommand.class, in);
		double[] single = column(Tables.find(ScoreTable.TITLE), ScoreTable.LATENT);
		in.put("half_precision", true);
		succeed(ScoreCommand.class, in);
		double[] half = column(Tables.find(ScoreTable.TITLE), ScoreTable.LATENT);
		assertEquals(single.length, half.length);
		for (int i = 0; i < single.length; i++) {
			assertTrue(
					"sample " + i + ": " + half[i] + " vs " + single[i],
					Math.abs(half[i] - single[i]) <= 0.005 * single[i]);
		}
		assertFalse("the network really ran in float16", Arrays.equals(half, single));
	}

	private static double[] column(ResultsTable table, String name) {
		double[] out = new double[table.size()];
		for (int row = 0; row < out.length; row++) out[row] = table.getValue(name, row);
		return out;
	}

	@Test
	public void thresholdRulesDecideWhatIsAnomalous() throws IOException {
		ImagePlus stack = DemoImages.mixed("mixed", 16, 4, 2, 0, 11);
		Map<String, Object> in = inputs(
				"input",
				stack,
				"model",
				Commands.resizeModel().toFile(),
				"device",
				"cpu",
				"threshold_rule",
				"min-max",
				"threshold",
				0.0);
		succeed(ScoreCommand.class, in);
		assertEquals(6, count(Tables.find(ScoreTable.TITLE), "yes"));

		in.put("threshold", 1.0); // only the highest score reaches 1 after min-max scaling
		succeed(ScoreCommand.class, in);
		assertEquals(1, count(Tables.find(ScoreTable.TITLE), "yes"));

		in.put("threshold_rule", "latent");
		in.put("threshold", 1e9);
		succeed(ScoreCommand.class, in);
		assertEquals(0, count(Tables.find(ScoreTable.TITLE), "yes"));

		// The model rule before the combined score: latent score above the model's threshold.
		in.put("threshold_rule", "model-latent");
		succeed(ScoreCommand.class, in);
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		double threshold =
				ModelFile.readManifest(Commands.resizeModel()).calibration().threshold();
		for (int row = 0; row < table.size(); row++)
			assertEquals(
					table.getValue(ScoreTable.LATENT, row) > threshold ? "yes" : "no",
					table.getStringValue(ScoreTable.ANOMALOUS, row));
	}

	@Test
	public void explainsBadInputAndWritesNothing() throws IOException {
		Path csv = temp.getRoot().toPath().resolve("scores.csv");
		Map<String, Object> in = inputs(
				"input",
				DemoImages.normals("n", 16, 2, 12),
				"model",
				new File(temp.getRoot(), "missing.ganomaly"),
				"csv",
				csv.toFile(),
				"device",
				"cpu");
		assertTrue(fail(ScoreCommand.class, in).contains("does not exist"));

		in.put("model", Commands.resizeModel().toFile());
		ColorProcessor colour = new ColorProcessor(16, 16);
		in.put("input", new ImagePlus("colour", colour));
		assertTrue(fail(ScoreCommand.class, in).contains("'colour' is RGB, but the model takes grey images"));

		ImageStack floats = new ImageStack(16, 16);
		floats.addSlice("ok", new FloatProcessor(16, 16));
		FloatProcessor infinite = new FloatProcessor(16, 16);
		infinite.setf(0, 0, Float.POSITIVE_INFINITY);
		floats.addSlice("hot pixel", infinite);
		in.put("input", new ImagePlus("floats", floats));
		String message = fail(ScoreCommand.class, in);
		assertTrue(message, message.contains("slice 2 (hot pixel) holds +Infinity"));

		in.put("input", DemoImages.normals("n", 32, 2, 13));
		in.put("model", Commands.tileModel().toFile());
		in.put("source", "folder");
		in.put("input_folder", temp.newFolder("in"));
		in.put("heat_map", true);
		assertTrue(fail(ScoreCommand.class, in).contains("choose a heat map folder"));

		in.put("heat_map", false);
		assertTrue(fail(ScoreCommand.class, in).contains("holds no image files"));
		assertFalse("no CSV is written when scoring fails", Files.exists(csv));
	}

	@Test
	public void refusesAModelWhoseScoresAreNotNumbersAndWritesNothing() throws IOException {
		// Finite but enormous weights: the first convolution overflows to infinity and every score is NaN.
		Path broken = temp.getRoot().toPath().resolve("overflowing.ganomaly");
		try (GanomalyModel model = ModelFile.load(Commands.resizeModel(), DeviceRuntime.cpu())) {
			Tensor first = model.networks().netG().tensors().get(0);
			float[] huge = new float[(int) first.array().size()];
			Arrays.fill(huge, 1e38f);
			first.array().set(huge);
			ModelFile.save(model, broken, false);
		}
		Path csv = temp.getRoot().toPath().resolve("nan-scores.csv");
		String message = fail(
				ScoreCommand.class,
				inputs(
						"input",
						DemoImages.normals("n", 16, 3, 15),
						"model",
						broken.toFile(),
						"csv",
						csv.toFile(),
						"device",
						"cpu"));
		assertTrue(message, message.startsWith("The model gives sample 'normal-0001' "));
		assertTrue(message, message.contains("scores that are not numbers (latent NaN"));
		assertTrue(message, message.contains("train it again. No table was written."));
		assertFalse(Files.exists(csv));
	}

	@Test
	public void writesNothingWhenCancelled() throws IOException {
		Path csv = temp.getRoot().toPath().resolve("scores.csv");
		CommandModule module = Commands.runCancelled(
				ScoreCommand.class,
				inputs(
						"input",
						DemoImages.normals("n", 16, 4, 14),
						"model",
						Commands.resizeModel().toFile(),
						"csv",
						csv.toFile(),
						"anomaly_maps",
						true,
						"device",
						"cpu"));
		assertFalse(Files.exists(csv));
		assertNull(module.getOutput("anomaly_map_stack"));
	}

	/**
	 * Esc pressed once a folder's first heat map is written: no table or CSV, the heat maps written before the cancel
	 * stay, and the Log says how many and which.
	 */
	@Test
	public void aCancelledFolderRunSaysWhichHeatMapsItLeft() throws Exception {
		File folder = temp.newFolder("to-cancel");
		int count = 150;
		ImagePlus images = DemoImages.normals("n", 32, count, 16);
		for (int n = 1; n <= count; n++)
			IJ.saveAsTiff(
					new ImagePlus("", images.getStack().getProcessor(n)),
					new File(folder, String.format("image-%03d.tif", n)).getPath());
		Path heatMaps = temp.getRoot().toPath().resolve("cancelled-heat");
		Path csv = temp.getRoot().toPath().resolve("cancelled.csv");
		Thread escape = new Thread(() -> {
			long deadline = System.nanoTime() + 120_000_000_000L;
			while (!Files.exists(heatMaps.resolve("image-001_heatmap.tif")) && System.nanoTime() < deadline)
				LockSupport.parkNanos(500_000);
			IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		});
		List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
		org.scijava.log.LogListener listener = message -> log.add(message.text());
		Commands.context().service(org.scijava.log.LogService.class).addLogListener(listener);
		try {
			escape.start();
			succeed(
					ScoreCommand.class,
					inputs(
							"source",
							"folder",
							"input_folder",
							folder,
							"model",
							Commands.tileModel().toFile(),
							"batch_size",
							4,
							"heat_map",
							true,
							"heat_map_folder",
							heatMaps.toFile(),
							"csv",
							csv.toFile(),
							"device",
							"cpu"));
			escape.join();
		} finally {
			IJ.resetEscape();
			Commands.context().service(org.scijava.log.LogService.class).removeLogListener(listener);
		}
		assertFalse(Files.exists(csv));
		List<Path> left;
		try (var files = Files.list(heatMaps)) {
			left = files.sorted().toList();
		}
		assertTrue("cancelled after the first heat map: " + left.size(), !left.isEmpty() && left.size() < count);
		String warning = log.stream()
				.filter(line -> line.contains("cancelled"))
				.findFirst()
				.orElseThrow();
		String expected = left.size() == 1
				? "the heat map of the image scored before the cancel stays in " + heatMaps.toAbsolutePath()
						+ " (image-001_heatmap.tif)."
				: "the heat maps of the " + left.size() + " images scored before the cancel stay in "
						+ heatMaps.toAbsolutePath() + " (image-001_heatmap.tif to "
						+ left.get(left.size() - 1).getFileName() + ", in input order).";
		assertTrue(warning, warning.contains("no table, CSV or stacks were written; " + expected));
	}

	private static int count(ResultsTable table, String value) {
		int n = 0;
		for (String cell : table.getColumnAsStrings(ScoreTable.ANOMALOUS)) if (value.equals(cell)) n++;
		return n;
	}
}
