package org.ganomaly.fiji.demo;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.ganomaly.fiji.command.RocCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.ScoreTable;
import org.ganomaly.fiji.command.Tables;
import org.ganomaly.fiji.command.TrainCommand;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * The main job end to end on synthetic images, through the same commands Fiji runs: train GANomaly on normal images
 * (soft blobs), score a test stack that mixes normal images with anomalies (stripes, scratched blobs), and evaluate
 * the scores against the slice labels. Writes everything to a folder (default demo-output/) and fails if the ROC AUC
 * is below {@value #MIN_AUC}.
 * <p>
 * Run: {@code mvn -B -q compile exec:java} from the root (the plugin's POM, plugin.xml, names this class and the test
 * class path, which holds the CPU build of libtorch). The optional argument {@code -Dexec.args=folder} picks the
 * output folder.
 */
public final class Demo {

	static final double MIN_AUC = 0.9;
	private static final int SIZE = 32;
	private static final int TRAINING_IMAGES = 640;
	private static final int EPOCHS = 6;

	private Demo() {}

	public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
		// Offline unless told otherwise: libtorch comes from the pytorch-native-cpu jar on the class path.
		System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
		System.setProperty("java.awt.headless", "true");
		Path out = Path.of(args.length > 0 ? args[0] : "demo-output").toAbsolutePath();
		Files.createDirectories(out);
		long start = System.nanoTime();

		ImagePlus training = DemoImages.normals("training images", SIZE, TRAINING_IMAGES, 1);
		ImagePlus test = DemoImages.mixed("test images", SIZE, 100, 50, 50, 2);
		save(training, out.resolve("training-images.tif"));
		save(test, out.resolve("test-images.tif"));

		try (Context context = new Context(CommandService.class, StatusService.class, LogService.class)) {
			CommandService commands = context.service(CommandService.class);
			Path model = out.resolve("demo.ganomaly");
			CommandModule trained = run(
					commands,
					TrainCommand.class,
					Map.of(
							"training",
							training,
							"image_size",
							SIZE,
							"epochs",
							EPOCHS,
							"model",
							model.toFile(),
							"overwrite",
							true));
			Tables.writeCsv(Tables.find(TrainCommand.LOSSES_TITLE), out.resolve("training-losses.csv"));
			savePng((ImagePlus) trained.getOutput("loss_plot"), out.resolve("loss-curves.png"));

			CommandModule scored = run(
					commands,
					ScoreCommand.class,
					Map.of(
							"input",
							test,
							"model",
							model.toFile(),
							"reconstructions",
							true,
							"anomaly_maps",
							true,
							"csv",
							out.resolve("scores.csv").toFile()));
			save((ImagePlus) scored.getOutput("reconstruction_stack"), out.resolve("reconstructions.tif"));
			save((ImagePlus) scored.getOutput("anomaly_map_stack"), out.resolve("anomaly-maps.tif"));

			CommandModule evaluated =
					run(commands, RocCommand.class, Map.of("table", ScoreTable.TITLE, "abnormal_pattern", "defect"));
			savePng((ImagePlus) evaluated.getOutput("roc_plot"), out.resolve("roc.png"));
			savePng((ImagePlus) evaluated.getOutput("pr_plot"), out.resolve("precision-recall.png"));
			ResultsTable summary = Tables.find(RocCommand.SUMMARY_TITLE);
			Tables.writeCsv(summary, out.resolve("roc-summary.csv"));
			Tables.writeCsv(Tables.find(RocCommand.POINTS_TITLE), out.resolve("roc-points.csv"));
			report(summary, out, (System.nanoTime() - start) / 1e9);
		}
	}

	private static CommandModule run(
			CommandService commands, Class<? extends Command> command, Map<String, Object> inputs)
			throws InterruptedException, ExecutionException {
		CommandModule module = commands.run(command, false, inputs).get();
		if (module.isCanceled())
			throw new IllegalStateException(command.getSimpleName() + " failed: " + module.getCancelReason());
		return module;
	}

	private static void report(ResultsTable summary, Path out, double seconds) {
		double auc = summary.getValue("AUC", 0);
		System.out.printf(
				Locale.ROOT,
				"%nGANomaly demo: %d training images of %dx%d, %d epochs; test stack of 100 "
						+ "normal images and 100 anomalies (50 stripes, 50 scratched blobs).%n",
				TRAINING_IMAGES,
				SIZE,
				SIZE,
				EPOCHS);
		System.out.printf(Locale.ROOT, "ROC AUC            %.4f%n", auc);
		System.out.printf(Locale.ROOT, "Average precision  %.4f%n", summary.getValue("Average precision", 0));
		System.out.printf(
				Locale.ROOT,
				"Youden threshold   %.6g: TPR %.3f, FPR %.3f, precision %.3f, F1 %.3f%n",
				summary.getValue("Youden threshold", 0),
				summary.getValue("Youden TPR", 0),
				summary.getValue("Youden FPR", 0),
				summary.getValue("Youden precision", 0),
				summary.getValue("Youden F1", 0));
		System.out.printf(Locale.ROOT, "Results in %s (%.0f s)%n", out, seconds);
		if (auc < MIN_AUC)
			throw new IllegalStateException(
					String.format(Locale.ROOT, "The demo's ROC AUC %.4f is below %.2f.", auc, MIN_AUC));
	}

	private static void save(ImagePlus imp, Path file) throws IOException {
		if (!new FileSaver(imp).saveAsTiff(file.toString())) throw new IOException("Could not write " + file);
	}

	private static void savePng(ImagePlus imp, Path file) throws IOException {
		if (!new FileSaver(imp).saveAsPng(file.toString())) throw new IOException("Could not write " + file);
	}
}
