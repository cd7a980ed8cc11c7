package org.ganomaly.fiji.bench;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.job.ScoringModel;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The Java part of the GPU run (bench/gpu/run.sh), on one device: the engine and the convolution check there (kernels,
 * TF32 policy, tolerance, worst error), a seeded training of the demo's size (640 generated 32×32 images, 6 epochs),
 * and the scores of the model trained there, computed on that device and on the CPU (also written to DIR/scores.csv).
 * With {@code --model FILE} no training runs: that model is scored (to compare one model's scores across libtorch
 * builds). Prints one JSON object per step.
 * <p>
 * Usage: GpuRun --device gpu --out DIR [--epochs 6] [--images 640] [--model FILE]
 */
public final class GpuRun {

	private static final ImageShape SHAPE = new ImageShape(1, 32);

	public static void main(String[] args) throws IOException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		Path out = Path.of(a.get("out", "gpu-run"));
		Files.createDirectories(out);
		long start = System.nanoTime();
		DeviceRuntime device = DeviceChoice.parse(a.get("device", "gpu")).open(System.err::println);
		System.out.printf(
				Locale.ROOT,
				"{\"step\": \"device\", \"device\": \"%s\", \"pytorch\": \"%s\", \"libtorch\": \"%s\", \"kernels\": \"%s\", "
						+ "\"check\": \"%s\", \"tolerance\": %g, \"seconds\": %.2f}%n",
				device.device(),
				Engines.pytorch().getVersion(),
				json(LibUtils.getLibtorchPath()),
				json(device.kernels().label()),
				json(device.kernels().describe()),
				device.kernels().tolerance(),
				seconds(start));

		String given = a.get("model", null);
		Path modelFile = given != null ? Path.of(given) : train(a, device, out);
		score(modelFile, device, out);
	}

	private static Path train(SpeedBench.Args a, DeviceRuntime device, Path out) throws IOException {
		int epochs = a.getInt("epochs", 6);
		InMemorySampleSet images =
				new SyntheticImages(SHAPE.size(), 1).sampleSet(SyntheticImages.Kind.BLOBS, a.getInt("images", 640));
		ValidationSplit split = ValidationSplit.of(images, 0.1, 1);
		List<String> epochLines = new ArrayList<>();
		long trainStart = System.nanoTime();
		Path modelFile = out.resolve("gpu-run.ganomaly");
		try (GanomalyModel model = Training.run(
						new Training.Request(
								NetworkConfig.defaults(SHAPE),
								TrainingConfig.defaults().toBuilder()
										.epochs(epochs)
										.seed(1)
										.build(),
								device,
								split.training(),
								split.validation(),
								Preprocessing.resizedBytes(SHAPE),
								null),
						new TrainingListener() {
							@Override
							public void epoch(Epoch report) {
								epochLines.add(String.format(
										Locale.ROOT,
										"{\"epoch\": %d, \"seconds\": %.2f, \"errG\": %.6g, \"errD\": %.6g, \"validation\": %.6g}",
										report.epoch(),
										report.seconds(),
										report.meanLosses().generator(),
										report.meanLosses().discriminator(),
										report.validationScore()));
							}
						})
				.model()) {
			ModelFile.save(model, modelFile, true);
		}
		System.out.printf(
				Locale.ROOT,
				"{\"step\": \"training\", \"epochs\": %d, \"images\": %d, \"seconds\": %.2f, \"per_epoch\": [%s]}%n",
				epochs,
				split.training().size(),
				seconds(trainStart),
				String.join(", ", epochLines));
		return modelFile;
	}

	private static void score(Path modelFile, DeviceRuntime device, Path out) throws IOException {
		// Scores of 200 normal and 200 anomalous images, on the device and on the CPU.
		InMemorySampleSet test = new InMemorySampleSet(SHAPE, 400);
		SyntheticImages testImages = new SyntheticImages(SHAPE.size(), 2);
		boolean[] abnormal = new boolean[400];
		for (int i = 0; i < 400; i++) {
			abnormal[i] = i >= 200;
			test.add(testImages.next(abnormal[i] ? SyntheticImages.Kind.SCRATCHED : SyntheticImages.Kind.BLOBS));
		}
		double[] onDevice = scores(modelFile, device, test);
		double[] onCpu = scores(modelFile, DeviceRuntime.cpu(), test);
		StringBuilder csv = new StringBuilder("index,abnormal,device,cpu\n");
		for (int i = 0; i < onCpu.length; i++)
			csv.append(String.format(Locale.ROOT, "%d,%b,%.9g,%.9g%n", i, abnormal[i], onDevice[i], onCpu[i]));
		Files.writeString(out.resolve("scores.csv"), csv);
		double scale = 0, worst = 0;
		for (int i = 0; i < onCpu.length; i++) {
			scale = Math.max(scale, Math.abs(onCpu[i]));
			worst = Math.max(worst, Math.abs(onCpu[i] - onDevice[i]));
		}
		System.out.printf(
				Locale.ROOT,
				"{\"step\": \"scores\", \"images\": %d, \"auc_device\": %.6f, \"auc_cpu\": %.6f, "
						+ "\"max_abs_difference\": %.3g, \"max_relative_difference\": %.3g, \"same_ranking\": %b}%n",
				onCpu.length,
				RocAnalysis.of(onDevice, abnormal).auc(),
				RocAnalysis.of(onCpu, abnormal).auc(),
				worst,
				worst / scale,
				sameRanking(onDevice, onCpu));
	}

	private static double[] scores(Path modelFile, DeviceRuntime runtime, InMemorySampleSet test) throws IOException {
		double[] out = new double[test.size()];
		ScoringModel.Settings settings =
				new ScoringModel.Settings(BatchNormMode.RUNNING_STATISTICS, 64, false, DataType.FLOAT32);
		try (ScoringModel scoring = ScoringModel.open(modelFile, runtime, settings)) {
			scoring.score(BatchScorer.iterate(test), (i, item, score, r, m) -> out[i] = score.latent(), () -> false);
		}
		return out;
	}

	private static boolean sameRanking(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++)
			for (int j = 0; j < a.length; j++) if ((a[i] < a[j]) != (b[i] < b[j])) return false;
		return true;
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}
}
