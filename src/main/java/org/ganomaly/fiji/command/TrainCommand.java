package org.ganomaly.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.ganomaly.fiji.core.choice.ChannelChoice;
import org.ganomaly.fiji.core.choice.ChoiceCheck;
import org.ganomaly.fiji.core.choice.ImageOrigin;
import org.ganomaly.fiji.core.choice.IntensityChoice;
import org.ganomaly.fiji.core.choice.SamplingKind;
import org.ganomaly.fiji.core.choice.ValidationOrigin;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.export.OnnxExport;
import org.ganomaly.fiji.core.io.SafeWrite;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.EpochSelection;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;
import org.ganomaly.fiji.core.train.TrainingSummary;
import org.ganomaly.fiji.image.ImageSource;
import org.ganomaly.fiji.image.UnreadableFilePolicy;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Train GANomaly: learns what normal images look like from normal images only, and writes the model file that Score
 * Stack uses. Defaults are the reference implementation's hyperparameters.
 */
@Plugin(type = Command.class, label = "Train GANomaly", headless = true)
public class TrainCommand extends GanomalyCommand {

	public static final String LOSSES_TITLE = "GANomaly Training";

	private static final TrainingConfig DEFAULTS = TrainingConfig.defaults();

	@Parameter(
			label = "Training images from",
			choices = {Choices.IMAGE, Choices.FOLDER, Choices.LIST},
			description =
					"An open image (each plane of the stack is one sample), a folder of image files, or a list: a "
							+ "text file naming one image file per line (relative to the list's folder, or absolute).")
	private String source = Choices.IMAGE;

	@Parameter(
			label = "Training image",
			required = false,
			description = "Normal images only: a stack or hyperstack, 8-, 16-, 32-bit or RGB.")
	private ImagePlus training;

	@Parameter(
			label = "Training folder or list",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "A folder of normal images (its subfolders are not read), or the list's text file.")
	private File training_folder;

	@Parameter(
			label = "Validation images",
			choices = {Choices.SPLIT, Choices.IMAGE, Choices.FOLDER, Choices.LIST, Choices.NONE},
			description = "Normal images that choose the epoch to keep and calibrate the scores: a seeded "
					+ "share of the training images (split), an open image, a folder, a file list, or none.")
	private String validation = Choices.SPLIT;

	@Parameter(
			label = "Validation fraction",
			min = "0",
			max = "0.9",
			description = "Share of the training images held out for validation (split).")
	private double validation_fraction = 0.1;

	@Parameter(label = "Validation image", required = false, description = "Normal images only.")
	private ImagePlus validation_image;

	@Parameter(
			label = "Validation folder or list",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "A folder of normal images, or the list's text file.")
	private File validation_folder;

	@Parameter(
			label = "Unreadable files",
			choices = {Choices.SKIP, Choices.STOP},
			description =
					"What to do with a file in a folder that cannot be used: skip it (listed in a warning) or stop.")
	private String unreadable_files = Choices.SKIP;

	@Parameter(
			label = "Image size (px)",
			choices = {"16", "32", "64", "128", "256"},
			description = "Side of the network's square input, in pixels.")
	private String image_size = "64";

	@Parameter(
			label = "Channels",
			choices = {Choices.AUTO, "1", "3"},
			description = "1 (grey) or 3 (colour) network channels; auto: 3 for RGB images, else 1. A grey hyperstack "
					+ "with 3 channels gives one 3-channel sample per position with 3, or 3 grey samples with 1.")
	private String channels = Choices.AUTO;

	@Parameter(
			label = "Sampling",
			choices = {Choices.RESIZE, Choices.TILE},
			description = "Images of another size are resized to the image size, or cut into tiles of that size.")
	private String sampling = Choices.RESIZE;

	@Parameter(
			label = "Tile stride",
			min = "0",
			description = "Pixels between neighbouring tiles; 0: the image size (tiles touch, no overlap).")
	private int tile_stride = 0;

	@Parameter(
			label = "Intensity range",
			choices = {Choices.AUTO, Choices.GIVEN},
			description = "What maps to the network's [-1, 1]: auto (8-bit and RGB: 0-255; 16- and 32-bit: 0.1th to "
					+ "99.9th percentile of the training pixels) or the range given below.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private String intensity = Choices.AUTO;

	@Parameter(
			label = "Intensity minimum",
			description = "Maps to -1 (intensity range: given).",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double intensity_min = 0;

	@Parameter(
			label = "Intensity maximum",
			description = "Maps to +1 (intensity range: given).",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double intensity_max = 255;

	@Parameter(
			label = "Latent size (nz)",
			min = "1",
			description = "Length of the latent vector z.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int nz = NetworkConfig.DEFAULT_NZ;

	@Parameter(
			label = "Base width (nf)",
			min = "1",
			description = "Feature maps of the first convolution.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int nf = NetworkConfig.DEFAULT_NF;

	@Parameter(
			label = "Extra layers",
			min = "0",
			description = "Extra 3x3 convolution layers in each network.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int extra_layers = 0;

	@Parameter(label = "Epochs", min = "1", description = "Passes over the training images (the paper: 15).")
	private int epochs = DEFAULTS.epochs();

	@Parameter(
			label = "Batch size",
			min = "2",
			description = "Training images per optimisation step (the paper: 64); BatchNorm needs at least 2.")
	private int batch_size = DEFAULTS.batchSize();

	@Parameter(
			label = "Learning rate",
			description = "Adam's learning rate, for both networks.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double learning_rate = DEFAULTS.learningRate();

	@Parameter(
			label = "Adam beta1",
			description = "Adam's first-moment decay (the paper: 0.5).",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double beta1 = DEFAULTS.beta1();

	@Parameter(
			label = "Adam beta2",
			description = "Adam's second-moment decay (the paper: 0.999).",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double beta2 = DEFAULTS.beta2();

	@Parameter(
			label = "Adversarial weight",
			description = "w_adv: weight of the feature-matching loss.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double adversarial_weight = DEFAULTS.weightAdversarial();

	@Parameter(
			label = "Contextual weight",
			description = "w_con: weight of the reconstruction loss |x - x'|.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double contextual_weight = DEFAULTS.weightContextual();

	@Parameter(
			label = "Encoder weight",
			description = "w_enc: weight of the latent loss (z - z')^2.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double encoder_weight = DEFAULTS.weightEncoder();

	@Parameter(
			label = "Seed",
			description = "Seeds the weights, the shuffling and the validation split.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private long seed = DEFAULTS.seed();

	@Parameter(
			label = "Precise BatchNorm batches",
			min = "0",
			description = "After each epoch, recompute BatchNorm statistics over this many training batches (0: off).",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private int precise_bn_batches = DEFAULTS.preciseBatchNormBatches();

	@Parameter(
			label = "Weight averaging half-life (epochs)",
			min = "0",
			description = "Validate and keep a moving average of the generator's weights instead of the last iterate; "
					+ "its memory grows with the run up to this half-life in epochs (0: off, as the reference code). "
					+ "Needs precise BatchNorm.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double averaging_half_life = DEFAULTS.averagingHalfLife();

	@Parameter(
			label = "Keep epoch",
			choices = {Choices.BEST, Choices.PROXY, Choices.LAST},
			description =
					"Which epoch's weights the model keeps: the one whose validation normals score lowest (best), "
							+ "the one best at telling validation normals from damaged copies of them (proxy), or the last one.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private String keep_epoch = Choices.BEST;

	@Parameter(
			label = "Threshold quantile",
			description = "The model's anomaly threshold: this quantile of the validation normals' scores.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double threshold_quantile = DEFAULTS.thresholdQuantile();

	@Parameter(
			label = "Map smoothing sigma (px)",
			min = "0",
			max = "8",
			description = "Gaussian smoothing of the anomaly maps, in network pixels (0: none). The model stores it "
					+ "with its pixel calibration, and Score Stack smooths every map it gives by it.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private double map_smoothing = DEFAULTS.mapSmoothingSigma();

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
			label = "Model file",
			style = FileWidget.SAVE_STYLE,
			description = "Where to write the model (" + ModelFile.EXTENSION + ").")
	private File model;

	@Parameter(label = "Overwrite", description = "Replace an existing model file of that name.")
	private boolean overwrite = false;

	@Parameter(
			label = "Scoring only (smaller file)",
			description = "Save only what scoring needs (the generator): about a quarter of the full file, scores the "
					+ "same, but cannot be trained on later.")
	private boolean scoring_only = false;

	@Parameter(
			label = "Export ONNX",
			description = "Also write the model's scoring path as NAME" + OnnxExport.ONNX_EXTENSION + " and its "
					+ "description as NAME" + OnnxExport.DESCRIPTION_EXTENSION + " beside the model file, as Export "
					+ "GANomaly Model does.",
			attrs = @Attr(name = Choices.GROUP, value = Choices.MORE_SETTINGS))
	private boolean export_onnx = false;

	@Parameter(
			label = "Losses CSV",
			style = FileWidget.SAVE_STYLE,
			required = false,
			description = "Optional: also write the per-epoch table (losses, validation scores) to this CSV file, for "
					+ "headless runs, where macros cannot read result tables.")
	private File losses_csv;

	@Parameter(
			label = "Continue from model",
			style = FileWidget.OPEN_STYLE,
			required = false,
			description =
					"Optional: a full model file (not scoring-only) whose training ran to its end and kept its last "
							+ "epoch: training goes on from it up to the epochs above, exactly as one longer run would. Its network, "
							+ "sampling, intensity range and training settings are checked against these and must match.")
	private File continue_from;

	@Parameter(label = "Loss curves", type = ItemIO.OUTPUT)
	private ImagePlus loss_plot;

	@Override
	protected void execute() throws IOException {
		// Every word first: a typo in a pipeline must stop it before any work, never change the training.
		ChoiceCheck check = new ChoiceCheck();
		ImageOrigin origin = check.parse("source", source, ImageOrigin.class);
		ValidationOrigin validationOrigin = check.parse("validation", validation, ValidationOrigin.class);
		UnreadableFilePolicy unreadable = check.parse("unreadable_files", unreadable_files, UnreadableFilePolicy.class);
		Integer side = check.check(() -> Choices.imageSize(image_size));
		ChannelChoice channelChoice = check.parse("channels", channels, ChannelChoice.class);
		SamplingKind samplingKind = check.parse("sampling", sampling, SamplingKind.class);
		IntensityChoice intensityChoice = check.parse("intensity", intensity, IntensityChoice.class);
		EpochSelection selection = check.check(() -> EpochSelection.of(keep_epoch));
		DeviceChoice deviceChoice = check.check(() -> DeviceChoice.parse(device));
		check.done();

		Path modelPath = ModelPaths.forSaving(model, overwrite);
		// Training can take hours: find out now, not after it, that the model or the table could not be written.
		SafeWrite.checkWritable(modelPath);
		if (lossesCsv() != null) SafeWrite.checkWritable(lossesCsv());
		OnnxExport.Exported onnxTargets = export_onnx ? onnxTargets(modelPath) : null;
		// Reading the training images can take long: say first that libtorch must be installed (issue 28).
		Engines.requireLibtorch();
		ImageSource trainingSource = Choices.source(origin, training, training_folder, unreadable, "training");
		ImageShape shape = new ImageShape(
				channelChoice == ChannelChoice.AUTO
						? trainingSource.defaultChannels()
						: Integer.parseInt(channelChoice.word()),
				side);
		Sampling samplingMode = Choices.sampling(samplingKind, tile_stride == 0 ? side : tile_stride);
		TrainingConfig config = trainingConfig(selection);
		NetworkConfig network = new NetworkConfig(shape, nz, nf, extra_layers);
		Path continued = continueFrom() == null ? null : ModelPaths.forReading(continue_from);
		ModelManifest previous = continued == null ? null : manifestToContinue(continued, samplingMode);
		// Continuing maps intensities as the model's first run did, whatever the images of this run hold.
		IntensityRange givenRange = previous != null
				? previous.intensity()
				: intensityChoice == IntensityChoice.GIVEN ? new IntensityRange(intensity_min, intensity_max) : null;

		status("Reading training images...");
		TrainingData data = TrainingData.load(
				trainingSource, validation(validationOrigin, unreadable), shape, samplingMode, givenRange, this::warn);
		info(String.format(
				Locale.ROOT,
				"Training on %s of %s (%s, %s), validating on %s; intensity range " + "%.6g to %.6g (%s).",
				samples(data.training().size()),
				trainingSource.name(),
				shape,
				describe(samplingMode),
				data.validation() == null ? "none" : samples(data.validation().size()),
				data.range().min(),
				data.range().max(),
				data.intensitySource()));

		DeviceRuntime resolved = deviceChoice.open(this::info);
		GanomalyModel toContinue = continued == null ? null : ModelFile.load(continued, resolved);
		Monitor monitor = new Monitor();
		Preprocessing preprocessing = previous != null
				? previous.preprocessing()
				: new Preprocessing(shape, samplingMode, data.range(), data.intensitySource());
		Training.Outcome outcome = Training.run(
				new Training.Request(
						network, config, resolved, data.training(), data.validation(), preprocessing, toContinue),
				monitor);
		if (outcome.cancelledBeforeAnEpoch()) { // no epoch ended: no plot either
			warn("Training was cancelled before " + (previous == null ? "the first" : "a new") + " epoch ended; no "
					+ "model was written.");
			return;
		}
		try (GanomalyModel trained = outcome.model()) {
			monitor.plot.keep(outcome.result().summary().selectedEpoch());
			loss_plot = monitor.plot.image();
			save(scoring_only ? trained.forScoring() : trained, modelPath);
			report(outcome.result(), modelPath, previous, config);
			if (onnxTargets != null) {
				OnnxExport.write(trained, modelPath.getFileName().toString(), onnxTargets, overwrite);
				info("ONNX export written: " + onnxTargets.onnx() + " and " + onnxTargets.description());
			}
			if (lossesCsv() != null) {
				Tables.writeCsv(monitor.table, lossesCsv());
				info("Per-epoch table written to " + lossesCsv().toAbsolutePath());
			}
		}
	}

	/** Where export_onnx writes, beside the model; refused or checked now, before training. */
	private OnnxExport.Exported onnxTargets(Path modelPath) throws IOException {
		OnnxExport.Exported targets = OnnxExport.targets(modelPath.getParent(), OnnxExport.name(modelPath));
		ExportCommand.refuseExisting(targets, overwrite);
		SafeWrite.checkWritable(targets.onnx());
		return targets;
	}

	private Path continueFrom() {
		return continue_from == null || continue_from.getPath().isBlank() ? null : continue_from.toPath();
	}

	/**
	 * The manifest of the model to continue, once it is known to be one training can go on from with this run's
	 * sampling (the rest is checked when training starts).
	 */
	private static ModelManifest manifestToContinue(Path file, Sampling samplingMode) throws IOException {
		ModelManifest manifest = ModelFile.readManifest(file);
		if (manifest.scoringOnly())
			throw new IllegalArgumentException("Model file '" + file + "' was saved for scoring only: it holds no "
					+ "discriminator or optimizer state to train on. Continue from a full model file, or train a new "
					+ "model.");
		Sampling trainedWith = manifest.preprocessing().sampling();
		if (!trainedWith.equals(samplingMode))
			throw new IllegalArgumentException("Model file '" + file + "' was trained with sampling "
					+ describe(trainedWith) + ", not " + describe(samplingMode) + ". Continue it with the sampling and "
					+ "tile stride it was trained with.");
		return manifest;
	}

	/**
	 * Writes the model, and when that fails (a full disk, a folder gone read-only during training) writes it to the
	 * system's temporary folder instead, so that hours of training are not lost; either way the command fails.
	 */
	private void save(GanomalyModel trained, Path modelPath) throws IOException {
		try {
			ModelFile.save(trained, modelPath, overwrite);
			return;
		} catch (IOException failed) {
			String name = modelPath.getFileName().toString();
			Path rescue = Path.of(System.getProperty("java.io.tmpdir"))
					.resolve(name.substring(0, name.length() - ModelFile.EXTENSION.length()) + "-"
							+ System.currentTimeMillis() + ModelFile.EXTENSION);
			String outcome;
			try {
				ModelFile.save(trained, rescue, false);
				outcome = "The trained model was saved instead to " + rescue + ": move it where it belongs.";
			} catch (IOException again) {
				outcome = "Saving it to " + rescue + " failed too (" + again.getMessage() + "); the trained model is "
						+ "lost.";
			}
			throw new IOException(failed.getMessage() + " " + outcome, failed);
		}
	}

	private TrainingConfig trainingConfig(EpochSelection selection) {
		return TrainingConfig.defaults().toBuilder()
				.batchSize(batch_size)
				.epochs(epochs)
				.learningRate(learning_rate)
				.adamBetas(beta1, beta2)
				.lossWeights(adversarial_weight, contextual_weight, encoder_weight)
				.seed(seed)
				.preciseBatchNormBatches(precise_bn_batches)
				.selection(selection)
				.averagingHalfLife(averaging_half_life)
				.thresholdQuantile(threshold_quantile)
				.mapSmoothing(map_smoothing)
				.build();
	}

	private TrainingData.Validation validation(ValidationOrigin origin, UnreadableFilePolicy unreadable) {
		return switch (origin) {
			case SPLIT -> new TrainingData.Split(validation_fraction, seed);
			case NONE -> new TrainingData.NoValidation();
			case IMAGE, FOLDER, LIST ->
				new TrainingData.Separate(
						Choices.source(origin.images(), validation_image, validation_folder, unreadable, "validation"));
		};
	}

	private Path lossesCsv() {
		return losses_csv == null || losses_csv.getPath().isBlank() ? null : losses_csv.toPath();
	}

	private static String samples(int n) {
		return n + (n == 1 ? " sample" : " samples");
	}

	private static String describe(Sampling sampling) {
		return sampling.isTiled() ? "tiles every " + sampling.stride() + " px" : "resized";
	}

	private void report(GanomalyTrainer.Result result, Path modelPath, ModelManifest continued, TrainingConfig config) {
		TrainingSummary summary = result.summary();
		if (continued != null)
			info("Continued the training of epochs 1-" + continued.summary().epochsCompleted()
					+ " from its model file.");
		if (summary.divergence() != null)
			warn("Training diverged at " + summary.divergence() + " and stopped there; the model holds epoch "
					+ summary.selectedEpoch() + " of the " + summary.epochsCompleted() + " completed. "
					+ config.divergenceAdvice());
		else if (summary.cancelled())
			warn("Training was cancelled after " + summary.epochsCompleted() + " of " + epochs
					+ " epochs; the model holds the completed epochs' result.");
		info(String.format(
				Locale.ROOT,
				"Kept epoch %d: %s. Anomaly threshold %.6g (%.4g quantile of %d %s normals). "
						+ "Discriminator re-initialised %d times. Trained in %s.",
				summary.selectedEpoch(),
				summary.selectionReason(),
				result.calibration().threshold(),
				result.calibration().thresholdQuantile(),
				result.calibration().count(),
				result.calibration().source(),
				summary.discriminatorResets(),
				Durations.format(Duration.ofMillis(Math.round(summary.seconds() * 1000)))));
		info(result.verdictCalibration().describe());
		info("Model written to " + modelPath);
	}

	/** Six decimals: validation scores are often below 0.001, which ImageJ's default 3 shows as 0.000. */
	private static ResultsTable precise(ResultsTable table) {
		table.setPrecision(6);
		return table;
	}

	/** Progress, the per-epoch table and plot, and cancellation. */
	private final class Monitor implements TrainingListener {

		private final ResultsTable table = precise(new ResultsTable());
		private final LossPlot plot = new LossPlot("GANomaly losses");

		@Override
		public void started(GanomalyNetworks networks) {
			info("Device: " + networks.runtime().describe() + "; network nz "
					+ nz
					+ ", nf " + nf + ", extra layers " + extra_layers + "; " + epochs + " epochs of batch " + batch_size
					+ ".");
		}

		@Override
		public void iteration(Iteration it) {
			long done = (long) (it.epoch() - 1) * it.iterationsPerEpoch() + it.iteration();
			Losses l = it.losses();
			progress(
					done,
					(long) it.epochs() * it.iterationsPerEpoch(),
					String.format(
							Locale.ROOT,
							// The status line is cut at the window's width: what a user waits for comes first.
							"Epoch %d/%d, iteration %d/%d, ETA %s: errG %.4g, errD %.4g (adv %.3g, con %.3g, enc %.3g)",
							it.epoch(),
							it.epochs(),
							it.iteration(),
							it.iterationsPerEpoch(),
							Durations.format(it.remaining()),
							l.generator(),
							l.discriminator(),
							l.adversarial(),
							l.contextual(),
							l.encoder()));
		}

		@Override
		public void epoch(Epoch e) {
			Losses l = e.meanLosses();
			table.addRow();
			table.addValue("Epoch", e.epoch());
			table.addValue("errG", l.generator());
			table.addValue("Adversarial", l.adversarial());
			table.addValue("Contextual", l.contextual());
			table.addValue("Encoder", l.encoder());
			table.addValue("errD", l.discriminator());
			table.addValue("Validation score", e.validationScore());
			table.addValue("Best so far", e.best() ? "yes" : "no");
			table.addValue("Seconds", e.seconds());
			Tables.publish(LOSSES_TITLE, table);
			plot.add(e);
			info(String.format(
					Locale.ROOT,
					"Epoch %d/%d: errG %.4g, errD %.4g, adversarial %.4g, contextual %.4g, "
							+ "encoder %.4g%s%s (%.1f s)",
					e.epoch(),
					e.epochs(),
					l.generator(),
					l.discriminator(),
					l.adversarial(),
					l.contextual(),
					l.encoder(),
					Double.isNaN(e.validationScore())
							? ""
							: String.format(Locale.ROOT, "; validation score %.4g", e.validationScore()),
					e.best() ? ", best so far" : "",
					e.seconds()));
		}

		@Override
		public boolean cancelled() {
			return cancellationRequested();
		}
	}
}
