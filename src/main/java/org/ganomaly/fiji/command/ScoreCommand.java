package org.ganomaly.fiji.command;

import ai.djl.ndarray.types.DataType;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.choice.ChoiceCheck;
import org.ganomaly.fiji.core.choice.ImageOrigin;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.io.SafeWrite;
import org.ganomaly.fiji.core.job.ScoringModel;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.NormalStatistics;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.image.ImageSource;
import org.ganomaly.fiji.image.MapUnits;
import org.ganomaly.fiji.image.RegionRois;
import org.ganomaly.fiji.image.UnreadableFilePolicy;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Score Stack: scores every sample of an open image or a folder with a trained model, into the table "GANomaly
 * Scores" and optionally reconstruction, anomaly-map and heat-map images and a CSV file. Folders and virtual stacks
 * are streamed, a batch at a time.
 */
@Plugin(type = Command.class, label = "Score Stack", headless = true)
public class ScoreCommand extends GanomalyCommand {

	static final String RUNNING = "running";
	static final String BATCH = "batch";
	static final String MODEL_RULE = "model";
	static final String MODEL_LATENT_RULE = "model-latent";
	static final String LATENT_RULE = "latent";
	static final String MIN_MAX_RULE = "min-max";

	@Parameter(
			label = "Images from",
			choices = {Choices.IMAGE, Choices.FOLDER, Choices.LIST},
			description =
					"An open image (each plane, or each tile of a plane, is one sample), a folder of image files, "
							+ "or a list: a text file naming one image file per line (relative to the list's folder, or absolute).")
	private String source = Choices.IMAGE;

	@Parameter(label = "Input image", required = false, description = "The stack or hyperstack to score.")
	private ImagePlus input;

	@Parameter(
			label = "Input folder or list",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "A folder of images to score (its subfolders are not read), or the list's text file.")
	private File input_folder;

	@Parameter(
			label = "Unreadable files",
			choices = {Choices.SKIP, Choices.STOP},
			description =
					"What to do with a file in the folder that cannot be used: skip it (listed in a warning) or stop.")
	private String unreadable_files = Choices.SKIP;

	@Parameter(
			label = "Model file",
			style = FileWidget.OPEN_STYLE,
			description = "A model written by Train GANomaly (" + ModelFile.EXTENSION + ").")
	private File model;

	@Parameter(
			label = "BatchNorm",
			choices = {RUNNING, BATCH},
			description = "running: the statistics stored in the model, so a score depends on its image alone. batch: "
					+ "statistics of each scoring batch, as the reference implementation scores.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private String batchnorm = RUNNING;

	@Parameter(
			label = "Batch size",
			min = "1",
			description = "Samples read ahead and handed to the network "
					+ "together. With running BatchNorm statistics the network computes at most 64 at a time (more is no faster on "
					+ "the CPU) and scores do not depend on it; with batch statistics the whole batch shares them.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int batch_size = 64;

	@Parameter(
			label = "Threshold rule",
			choices = {MODEL_RULE, MODEL_LATENT_RULE, LATENT_RULE, MIN_MAX_RULE},
			description = "model: the model's verdict, its combined score of latent score and anomaly map above the "
					+ "model's threshold (about 1 normal image in 100 flagged). model-latent: latent score above the "
					+ "model's threshold (the model rule before the combined score). latent: latent score above the "
					+ "threshold below. min-max: the paper's rule, latent scores min-max scaled over this run at least "
					+ "the threshold below.")
	private String threshold_rule = MODEL_RULE;

	@Parameter(
			label = "Threshold (latent, min-max rules)",
			description =
					"The threshold of the latent and min-max rules (the paper uses 0.2 on min-max); the model rule "
							+ "uses the model's own.")
	private double threshold = 0.2;

	@Parameter(label = "Reconstructions", description = "Make a stack of the reconstructions.")
	private boolean reconstructions = false;

	@Parameter(label = "Anomaly maps", description = "Make a 32-bit stack of |x - reconstruction| per sample.")
	private boolean anomaly_maps = false;

	@Parameter(
			label = "Calibrated maps",
			description = "Give anomaly maps and heat maps as calibrated values: the fraction of the model's normal "
					+ "pixels at or below each pixel's |x - x'| (0 to 1), shown from 0.99 up. Needs a model trained "
					+ "with pixel calibration.")
	private boolean calibrated_maps = false;

	@Parameter(
			label = "Pixel threshold quantile",
			min = "0.5",
			max = "0.99999",
			description = "For models with pixel calibration: a pixel is anomalous when its |x - x'| is above this "
					+ "quantile of the model's normal pixels (0.999: about 1 in 1,000 normal pixels is above it). "
					+ "The threshold is reported in the Log.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double pixel_quantile = NormalStatistics.PIXEL_QUANTILE;

	@Parameter(
			label = "Minimum region area (px)",
			min = "1",
			description = "For models with pixel calibration: the table counts each sample's anomalous regions (8-"
					+ "connected pixels above the pixel threshold) of at least this many pixels, their area and the "
					+ "map's largest value.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int min_region_area = MapRegions.DEFAULT_MIN_AREA;

	@Parameter(
			label = "Region masks",
			description = "For models with pixel calibration: a binary stack with 255 in each sample's anomalous "
					+ "regions, labelled as the samples.")
	private boolean region_masks = false;

	@Parameter(
			label = "Regions to ROI Manager",
			description = "For models with pixel calibration: each anomalous region as a ROI in the ROI Manager, on "
					+ "its sample's slice of the result stacks; headless, or with a stacks folder, also written to "
					+ "regions.zip there (ROI Manager > More > Open reads it).")
	private boolean region_rois = false;

	@Parameter(
			label = "Overlays",
			description = "An RGB stack of each sample with its anomaly map laid over it in the heat-map colours, "
					+ "more opaque where the map is hotter.")
	private boolean overlays = false;

	@Parameter(label = "Heat map", description = "Tiled models: an anomaly heat map at the input's size per image.")
	private boolean heat_map = false;

	@Parameter(
			label = "Heat map folder",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "Where a folder's heat maps are written, one TIFF per image.")
	private File heat_map_folder;

	@Parameter(
			label = "CSV file",
			required = false,
			style = FileWidget.SAVE_STYLE,
			description = "Also write the table to this CSV file (replaced if it exists).")
	private File csv;

	@Parameter(
			label = "Stacks folder",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "Also write the reconstructions, anomaly maps, region masks, overlays and region ROIs "
					+ "asked for to reconstructions.tif, anomaly-maps.tif, region-masks.tif, overlays.tif and "
					+ "regions.zip in this folder (replaced if they exist), for headless runs.")
	private File stacks_folder;

	@Parameter(
			label = "Device",
			choices = {
				Choices.AUTO,
				Choices.CPU,
				Choices.GPU,
				"gpu:1",
				"gpu:2",
				"gpu:3",
				"gpu:4",
				"gpu:5",
				"gpu:6",
				"gpu:7"
			},
			description =
					"auto: the first GPU if it works here, else the CPU (the Log says why). gpu (the first, gpu:0) "
							+ "or gpu:N: that GPU or an error, never the CPU.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private String device = Choices.AUTO;

	@Parameter(
			label = "Half precision (GPU)",
			description =
					"Compute the network in float16: faster on GPUs with "
							+ "tensor cores, scores within ~0.5 % of float32 and the same ranking. On the CPU it is much slower.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private boolean half_precision = false;

	@Parameter(label = "Reconstruction stack", type = ItemIO.OUTPUT)
	private ImagePlus reconstruction_stack;

	@Parameter(label = "Anomaly map stack", type = ItemIO.OUTPUT)
	private ImagePlus anomaly_map_stack;

	@Parameter(label = "Region masks", type = ItemIO.OUTPUT)
	private ImagePlus region_mask_stack;

	@Parameter(label = "Overlays", type = ItemIO.OUTPUT)
	private ImagePlus overlay_stack;

	@Parameter(label = "Anomaly heat map", type = ItemIO.OUTPUT)
	private ImagePlus heat_map_stack;

	@Override
	protected void execute() throws IOException {
		// Every word first: a typo in a pipeline must stop it before any work, never change the analysis.
		ChoiceCheck check = new ChoiceCheck();
		ImageOrigin origin = check.parse("source", source, ImageOrigin.class);
		UnreadableFilePolicy unreadable = check.parse("unreadable_files", unreadable_files, UnreadableFilePolicy.class);
		BatchNormMode batchNorm = check.parse("batchnorm", batchnorm, BatchNormMode.class);
		ThresholdRule rule = check.parse("threshold_rule", threshold_rule, ThresholdRule.class);
		DeviceChoice deviceChoice = check.check(() -> DeviceChoice.parse(device));
		check.done();

		Path modelPath = ModelPaths.forReading(model);
		ModelManifest manifest = ModelFile.readManifest(modelPath);
		ImageShape shape = manifest.network().image();
		IntensityRange range = manifest.intensity();
		Sampling sampling = manifest.preprocessing().sampling();
		ImageSource images = Choices.source(origin, input, input_folder, unreadable, "input");
		MapUnits units = mapUnits(manifest, modelPath);
		double pixelThreshold = pixelThreshold(manifest);
		ScoreStackResults.Options options = options(images, sampling, units, manifest);
		ScoringSession.Regions regions =
				new ScoringSession.Regions(pixelThreshold, min_region_area, options.regionLabels());

		// Scoring a large folder takes long: find out now that its results could not be written.
		if (csv != null && !csv.getPath().isBlank()) SafeWrite.checkWritable(csv.toPath());
		if (stacksFolder() != null) SafeWrite.checkWritable(stacksFolder().resolve(RECONSTRUCTIONS_FILE));
		if (options.heatMapFolder() != null)
			SafeWrite.checkWritable(options.heatMapFolder().resolve("heat-map.tif"));

		DeviceRuntime runtime = deviceChoice.open(this::info);
		long start = System.nanoTime();
		ScoringModel.Settings settings = new ScoringModel.Settings(
				batchNorm,
				batch_size,
				options.images() || ScoringSession.needsMaps(manifest),
				half_precision ? DataType.FLOAT16 : DataType.FLOAT32);
		try (ScoringModel model = ScoringModel.open(modelPath, runtime, settings)) {
			ScoringSession session = new ScoringSession(model, regions);
			info("Scoring " + images.name() + " with " + modelPath.getFileName() + " (" + shape + ", "
					+ (sampling.isTiled() ? "tiles every " + sampling.stride() + " px" : "resized") + ") on "
					+ runtime.describe()
					+ ", BatchNorm " + batchNorm.word() + " statistics"
					+ (half_precision ? ", float16" : "") + ".");
			// Allowed on the CPU (it gives the same ranking) but said loudly: measured ~18x slower there.
			if (half_precision && !runtime.device().isGpu())
				warn("Half precision on the CPU is about 18 times slower than float32 (it is meant for GPUs); "
						+ "untick it unless you are checking float16 scores.");
			if (!session.verdictUsesMaps())
				info(
						"This model has no verdict calibration (it was trained before the plugin made the current one): its "
								+ "Combined score and the model rule use the latent score alone, as before. Train it again for "
								+ "a verdict that also uses the anomaly maps.");
			else info(manifest.verdictCalibration().describe());
			ScoreTable table = new ScoreTable(ScoringSession.columns(manifest));
			ScoreStackResults run = new ScoreStackResults(shape, range, options, images.name(), table, new Progress());
			ImageSource.Images stream = images.images(shape, sampling);
			int scored = run.run(session, stream);
			if (stream.skippedWarning() != null) warn(stream.skippedWarning());
			if (run.cancelled()) {
				warn("Scoring was cancelled after " + scored + " samples; no table, CSV or stacks were written"
						+ heatMapsLeft(run.heatMapsWritten()) + ".");
				return;
			}
			if (scored == 0)
				throw new IllegalArgumentException(
						"No samples were scored: '" + images.name() + "' gave no usable images.");
			table.finish(rule, threshold);
			if (csv != null && !csv.getPath().isBlank()) {
				Tables.writeCsv(table.table(), csv.toPath());
				info("Table written to " + csv.toPath().toAbsolutePath());
			}
			Tables.publish(ScoreTable.TITLE, table.table());
			reconstruction_stack = run.reconstructions();
			anomaly_map_stack = run.anomalyMaps();
			region_mask_stack = run.regionMasks();
			overlay_stack = run.overlays();
			if (stacksFolder() != null) writeStacks(stacksFolder());
			if (run.regionRois() != null) deliver(run.regionRois());
			heat_map_stack = run.heatMap();
			double seconds = (System.nanoTime() - start) / 1e9;
			info(String.format(
					Locale.ROOT,
					"Scored %d samples in %.1f s (%.0f per second); %d anomalous by the %s " + "rule%s.",
					scored,
					seconds,
					scored / seconds,
					table.anomalousCount(),
					rule.word(),
					switch (rule) {
						case MODEL -> " (combined score above the model's threshold)";
						case MODEL_LATENT ->
							String.format(
									Locale.ROOT,
									" (latent score > %.6g)",
									manifest.calibration().threshold());
						default -> String.format(Locale.ROOT, " (threshold %.6g)", threshold);
					}));
			if (!run.heatMapsWritten().isEmpty())
				info(run.heatMapsWritten().size() + " heat maps written to " + options.heatMapFolder());
		}
	}

	/**
	 * What a cancelled run leaves: a folder's heat maps are written image by image, and those written before the
	 * cancel are kept (removing them could not bring back the files of an earlier run they replaced).
	 */
	private static String heatMapsLeft(List<Path> written) {
		if (written.isEmpty()) return "";
		Path first = written.get(0), last = written.get(written.size() - 1);
		if (written.size() == 1)
			return "; the heat map of the image scored before the cancel stays in " + first.getParent() + " ("
					+ first.getFileName() + ")";
		return "; the heat maps of the " + written.size() + " images scored before the cancel stay in "
				+ first.getParent() + " (" + first.getFileName() + " to " + last.getFileName() + ", in input order)";
	}

	static final String RECONSTRUCTIONS_FILE = "reconstructions.tif",
			ANOMALY_MAPS_FILE = "anomaly-maps.tif",
			REGION_MASKS_FILE = "region-masks.tif",
			OVERLAYS_FILE = "overlays.tif",
			REGIONS_FILE = "regions.zip";

	private Path stacksFolder() {
		return stacks_folder == null || stacks_folder.getPath().isBlank() ? null : stacks_folder.toPath();
	}

	private void writeStacks(Path folder) throws IOException {
		if (reconstruction_stack != null)
			AtomicFiles.writeTiff(reconstruction_stack, folder.resolve(RECONSTRUCTIONS_FILE));
		if (anomaly_map_stack != null) AtomicFiles.writeTiff(anomaly_map_stack, folder.resolve(ANOMALY_MAPS_FILE));
		if (region_mask_stack != null) AtomicFiles.writeTiff(region_mask_stack, folder.resolve(REGION_MASKS_FILE));
		if (overlay_stack != null) AtomicFiles.writeTiff(overlay_stack, folder.resolve(OVERLAYS_FILE));
		info("Stacks written to " + folder.toAbsolutePath());
	}

	/** The regions' ROIs to the ROI Manager, added to what it holds, when there is a display; to a file if asked. */
	private void deliver(RegionRois rois) throws IOException {
		if (stacksFolder() != null) {
			Path file = stacksFolder().resolve(REGIONS_FILE);
			AtomicFiles.write(file, rois::writeRoiSet);
			info(regionRois(rois.size()) + " written to " + file.toAbsolutePath());
		}
		if (GraphicsEnvironment.isHeadless()) return;
		RoiManager manager = RoiManager.getRoiManager();
		for (Roi roi : rois.rois()) manager.addRoi(roi);
		info(regionRois(rois.size()) + " added to the ROI Manager (each on its sample's slice of the result stacks).");
	}

	private static String regionRois(int n) {
		return n + (n == 1 ? " region ROI" : " region ROIs");
	}

	private ScoreStackResults.Options options(
			ImageSource images, Sampling sampling, MapUnits units, ModelManifest manifest) {
		boolean heatMaps = heat_map && sampling.isTiled();
		if (heat_map && !heatMaps)
			warn("No heat map: the model resizes whole images instead of cutting tiles; the anomaly maps show where "
					+ "each image differs from its reconstruction.");
		Path heatMapFolder = null;
		if (heatMaps && images.imagesAreFiles()) {
			if (heat_map_folder == null || heat_map_folder.getPath().isBlank())
				throw new IllegalArgumentException(
						"Heat maps of a folder are written one file per image: choose a " + "heat map folder.");
			heatMapFolder = heat_map_folder.toPath().toAbsolutePath();
		}
		if ((region_masks || region_rois) && manifest.pixelCalibration() == null)
			throw new IllegalArgumentException("Region masks and ROIs need a model with a pixel calibration (models "
					+ "trained before the plugin made one have none): train the model again, or untick them.");
		if (region_rois && GraphicsEnvironment.isHeadless() && stacksFolder() == null)
			throw new IllegalArgumentException("Without a display there is no ROI Manager: choose a stacks folder, "
					+ "and the region ROIs are written to " + REGIONS_FILE + " there.");
		return new ScoreStackResults.Options(
				reconstructions, anomaly_maps, heatMaps, heatMapFolder, units, region_masks, region_rois, overlays);
	}

	/**
	 * The pixel threshold in network units, the chosen quantile of the model's normal pixels (logged in intensity
	 * units); NaN when the model has no pixel calibration.
	 */
	private double pixelThreshold(ModelManifest manifest) {
		Calibration pixels = manifest.pixelCalibration();
		if (pixels == null) return Double.NaN;
		double threshold = pixels.quantileOf(pixel_quantile);
		info(String.format(
				Locale.ROOT,
				"Pixel threshold: the %.6g quantile of the %s normal pixels%s, %.6g intensity units.",
				pixel_quantile,
				pixels.source(),
				manifest.training().smoothing().isNone()
						? ""
						: " (maps smoothed with σ " + manifest.training().mapSmoothingSigma() + " px)",
				threshold * manifest.intensity().networkToIntensityScale()));
		return threshold;
	}

	/** The unit of the maps: calibrated on the model's normal pixels when asked for and the model has it. */
	private MapUnits mapUnits(ModelManifest manifest, Path modelPath) {
		if (!calibrated_maps) return MapUnits.intensity(manifest.intensity());
		if (manifest.pixelCalibration() == null)
			throw new IllegalArgumentException("Model file '" + modelPath + "' has no pixel calibration (it was trained"
					+ " before the plugin made one): train it again for calibrated maps, or untick calibrated maps.");
		return MapUnits.calibrated(manifest.intensity(), manifest.pixelCalibration());
	}

	/** Status line and progress bar per sample (at most ten updates a second), and cancellation. */
	private final class Progress implements ScoreStackResults.Listener {

		private long lastUpdate;

		@Override
		public void scored(SampleInfo info, ImageSource.SourceImage image, int imageNumber, int imageCount) {
			long now = System.nanoTime();
			if (now - lastUpdate < 100_000_000L) return;
			lastUpdate = now;
			int samples = image.sampler().size();
			double done = imageNumber - 1 + (info.index() + 1) / (double) samples;
			String where = image.file() == null
					? image.sampler().title()
					: "file " + imageNumber + " of " + imageCount + " ("
							+ image.file().getFileName() + ")";
			progress(
					Math.round(done * 1000),
					imageCount * 1000L,
					"Scoring " + where + ": sample " + (info.index() + 1) + " of " + samples);
		}

		@Override
		public boolean cancelled() {
			return cancellationRequested();
		}
	}
}
