package org.ganomaly.fiji.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.metrics.PixelEvaluation;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.MapSmoothing;
import org.ganomaly.fiji.core.score.NormalStatistics;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The pixel-level benchmark (bench/defects.sh): trains the plugin's engine on normal {@link DefectImages} (10 % held
 * out as validation normals, the model's calibration set), scores a test set of normal and defective images with
 * known masks, and measures the anomaly maps against the masks for each map smoothing σ: pixel AUROC and AUPRO at
 * 30 % FPR (MVTec AD's protocol) on all test images and on those the latent score flags, per-pixel precision and
 * recall at the calibrated pixel threshold, the image-level AUC of the map-based scores (map maximum, area above
 * the pixel threshold) beside the latent score's, and, per minimum region area, the share of normal and of
 * defective images with at least one region. The smoothing is applied to the same raw maps the scorer gives, which
 * is what a scorer with that σ gives (BatchScorerTest), and each σ has its own pixel calibration on the
 * validation normals, as training with that σ would store.
 * <p>
 * Usage: DefectMapBench [--train 1500] [--test-normal 300] [--test-defective 300] [--epochs 10] [--seed 0]
 * [--sigmas 0,1,2,4] [--min-areas 1,4,9,16,25] [--out FILE.md]
 */
public final class DefectMapBench {

	public static void main(String[] args) throws IOException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int trainCount = a.getInt("train", 1500);
		int testNormal = a.getInt("test-normal", 300);
		int testDefective = a.getInt("test-defective", 300);
		int epochs = a.getInt("epochs", 10);
		long seed = a.getInt("seed", 0);
		double[] sigmas = doubles(a.get("sigmas", "0,1,2,4"));
		int[] minAreas = java.util.Arrays.stream(doubles(a.get("min-areas", "1,4,9,16,25")))
				.mapToInt(v -> (int) v)
				.toArray();
		String loadStart = load();
		long start = System.nanoTime();

		ImageShape shape = new ImageShape(1, DefectImages.SIZE);
		SplittableRandom random = new SplittableRandom(seed);
		InMemorySampleSet normals = new InMemorySampleSet(shape, trainCount);
		for (int i = 0; i < trainCount; i++)
			normals.add(DefectImages.normal(random).pixels());
		List<DefectImages.Image> test = new ArrayList<>();
		for (int i = 0; i < testNormal; i++) test.add(DefectImages.normal(random));
		DefectImages.Kind[] kinds = DefectImages.Kind.values();
		for (int i = 0; i < testDefective; i++) test.add(DefectImages.defective(random, kinds[i % kinds.length]));
		InMemorySampleSet testSet = new InMemorySampleSet(shape, test.size());
		for (DefectImages.Image image : test) testSet.add(image.pixels());
		ValidationSplit split = ValidationSplit.of(normals, 0.1, seed);

		TrainingConfig config =
				TrainingConfig.defaults().toBuilder().epochs(epochs).seed(seed).build();
		Training.Outcome outcome = Training.run(
				new Training.Request(
						NetworkConfig.defaults(shape),
						config,
						DeviceRuntime.cpu(),
						split.training(),
						split.validation(),
						Preprocessing.resizedBytes(shape),
						null),
				new TrainingListener() {
					@Override
					public void epoch(Epoch report) {
						System.err.printf(
								Locale.ROOT,
								"epoch %d: validation score %.6g, %.0f s%n",
								report.epoch(),
								report.validationScore(),
								(System.nanoTime() - start) / 1e9);
					}
				});
		double trainSeconds = (System.nanoTime() - start) / 1e9;
		String saveModel = a.get("save-model", null);
		if (saveModel != null) ModelFile.save(outcome.model(), Path.of(saveModel), true);
		StringBuilder out = new StringBuilder();
		try (GanomalyNetworks networks = outcome.model().networks()) {
			Calibration latentCalibration = outcome.result().calibration();
			int n = test.size();
			double[] latent = new double[n];
			List<float[]> rawMaps = new ArrayList<>();
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 64, true)
					.score(BatchScorer.iterate(testSet), (i, item, s, r, map) -> {
						latent[i] = s.latent();
						rawMaps.add(map);
					});
			boolean[] defective = new boolean[n];
			List<boolean[]> masks = new ArrayList<>();
			List<Integer> flagged = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				defective[i] = test.get(i).kind() != null;
				masks.add(test.get(i).mask());
				if (latentCalibration.anomalous(latent[i])) flagged.add(i);
			}
			double latentAuc = RocAnalysis.of(latent, defective).auc();
			out.append(String.format(
					Locale.ROOT,
					"Trained %d epochs on %d normal 64x64 images (%d validation) in %.0f s; test: %d normal, %d "
							+ "defective (scratch, spot, missing piece); latent threshold flags %d images (%d "
							+ "defective). Image AUC of the latent score: %.4f.%n%n",
					outcome.result().summary().epochsCompleted(),
					split.training().size(),
					split.validation().size(),
					trainSeconds,
					testNormal,
					testDefective,
					flagged.size(),
					flagged.stream().filter(i -> defective[i]).count(),
					latentAuc));
			out.append("| σ (px) | pixel AUROC, all | AUPRO 30 %, all | pixel AUROC, flagged | AUPRO 30 %, flagged |"
					+ " pixel precision / recall at q0.999 | image AUC, map max | image AUC, area > q0.999 |\n");
			out.append("|---|---|---|---|---|---|---|---|\n");
			StringBuilder regions = new StringBuilder();
			regions.append("| σ (px) | min region area (px) | normal images with a region | defective images with a "
					+ "region |\n|---|---|---|---|\n");
			for (double sigma : sigmas) {
				MapSmoothing smoothing = new MapSmoothing(sigma);
				List<float[]> maps = new ArrayList<>();
				for (float[] map : rawMaps) maps.add(smoothing.apply(map, DefectImages.SIZE));
				double threshold = NormalStatistics.of(networks, split.validation(), 64, smoothing)
						.pixelCalibration("validation")
						.threshold();
				PixelEvaluation all = PixelEvaluation.of(maps, masks, DefectImages.SIZE, DefectImages.SIZE);
				PixelEvaluation onFlagged = PixelEvaluation.of(
						flagged.stream().map(maps::get).toList(),
						flagged.stream().map(masks::get).toList(),
						DefectImages.SIZE,
						DefectImages.SIZE);
				double[] max = new double[n], area = new double[n];
				long truePositive = 0, falsePositive = 0, positives = 0;
				for (int i = 0; i < n; i++) {
					float[] map = maps.get(i);
					boolean[] mask = masks.get(i);
					double m = Double.NEGATIVE_INFINITY;
					for (int p = 0; p < map.length; p++) {
						m = Math.max(m, map[p]);
						boolean above = map[p] > threshold;
						if (above) area[i]++;
						if (mask[p]) positives++;
						if (above && mask[p]) truePositive++;
						if (above && !mask[p]) falsePositive++;
					}
					max[i] = m;
				}
				out.append(String.format(
						Locale.ROOT,
						"| %s | %.4f | %.4f | %.4f | %.4f | %.3f / %.3f | %.4f | %.4f |%n",
						plain(sigma),
						all.auroc(),
						all.aupro(),
						onFlagged.auroc(),
						onFlagged.aupro(),
						truePositive / (double) Math.max(1, truePositive + falsePositive),
						truePositive / (double) positives,
						RocAnalysis.of(max, defective).auc(),
						RocAnalysis.of(area, defective).auc()));
				for (int minArea : minAreas) {
					int normalWith = 0, defectiveWith = 0;
					for (int i = 0; i < n; i++)
						if (MapRegions.of(maps.get(i), DefectImages.SIZE, threshold, minArea)
										.count()
								> 0) {
							if (defective[i]) defectiveWith++;
							else normalWith++;
						}
					regions.append(String.format(
							Locale.ROOT,
							"| %s | %d | %.3f | %.3f |%n",
							plain(sigma),
							minArea,
							normalWith / (double) testNormal,
							defectiveWith / (double) testDefective));
				}
			}
			out.append('\n').append(regions);
		} finally {
			outcome.model().close();
		}
		out.append(String.format(
				Locale.ROOT,
				"%nTotal %.0f s; load average at start %s, at end %s.%n",
				(System.nanoTime() - start) / 1e9,
				loadStart,
				load()));
		System.out.print(out);
		String file = a.get("out", null);
		if (file != null) Files.writeString(Path.of(file), out);
	}

	private static double[] doubles(String list) {
		return java.util.Arrays.stream(list.split(","))
				.mapToDouble(Double::parseDouble)
				.toArray();
	}

	private static String plain(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (IOException e) {
			return "unknown";
		}
	}
}
