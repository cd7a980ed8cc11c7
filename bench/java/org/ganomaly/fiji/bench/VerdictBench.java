package org.ganomaly.fiji.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.SyntheticAnomalies;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.NormalStatistics;
import org.ganomaly.fiji.core.score.Verdict;
import org.ganomaly.fiji.core.score.VerdictCalibration;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The image-level verdict benchmark: for a model trained on normal images of one data set (woven textures of
 * {@link DefectImages}, cells of {@link CellImages}, or an MNIST split of the reference protocol), every image
 * score of its validation normals, of a test set of normal and defective images and of damaged copies of the
 * validation normals ({@link SyntheticAnomalies}, set "proxy": cut-and-pasted patch, inverted patch, quarter turn and
 * bright line in turn, as training's proxy AUC makes them) to a CSV file (latent score,
 * reconstruction error, map maximum, anomalous area above the model's pixel threshold with regions of any size and
 * of at least 9 px, the count of the latter, the mean of the map's top 1 % of pixels), and the verdict's figures:
 * image AUC, and at the threshold the share of normal test images flagged and of defective ones found (recall), for
 * the latent score with the model's latent threshold (the old verdict), the map peak ({@link Verdict#peak}, the same
 * as the CSV's top 1 %) with its own 0.99 quantile of validation normals, and the combined score with the model's
 * verdict ({@link Verdict}). A model without a verdict calibration (trained before the current one) gets the one its
 * training would now store, from the same
 * validation normals ({@link NormalStatistics#verdictCalibration}). One markdown table row goes to stdout and, with
 * --out, is appended to that file.
 * <p>
 * Usage: VerdictBench --data defects|cells|mnist [--train 1500] [--test-normal 300] [--test-defective 300]
 * [--epochs 10] [--seed 0] [--split FILE --idx-dir DIR (mnist)] [--model FILE: score this model instead of
 * training one] [--save-model FILE] --csv FILE [--out FILE.md] [--name ROW-NAME]
 */
public final class VerdictBench {

	/** The normal images to train on (validation part included) and the test images with their labels. */
	record Data(ImageShape shape, SampleSet normals, InMemorySampleSet test, boolean[] defective) {}

	public static void main(String[] args) throws IOException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		long seed = a.getInt("seed", 0);
		Data data = data(a, seed);
		ValidationSplit split = ValidationSplit.of(data.normals(), 0.1, seed);
		String modelFile = a.get("model", null);
		GanomalyModel model = modelFile != null
				? ModelFile.load(Path.of(modelFile), DeviceRuntime.cpu())
				: train(data, split, a.getInt("epochs", 10), seed);
		try {
			String save = a.get("save-model", null);
			if (save != null) ModelFile.save(model, Path.of(save), true);
			double pixelThreshold = model.manifest().pixelCalibration().threshold();
			StringBuilder csv =
					new StringBuilder("set,defective,latent,reconstruction,max,area,area9,regions9,top1pc\n");
			components(model, pixelThreshold, split.validation(), null, "validation", csv);
			components(model, pixelThreshold, data.test(), data.defective(), "test", csv);
			components(model, pixelThreshold, SyntheticAnomalies.of(split.validation(), seed), null, "proxy", csv);
			Files.writeString(Path.of(a.get("csv", "bench/out/verdict.csv")), csv);
			String row = verdictRow(a.get("name", a.get("data", "defects")), model, split.validation(), data);
			System.out.print(row);
			String out = a.get("out", null);
			if (out != null)
				Files.writeString(
						Path.of(out),
						Files.exists(Path.of(out)) ? row : HEADER + row,
						StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
		} finally {
			model.close();
		}
	}

	/** Header of the rows {@link #verdictRow} gives. */
	private static final String HEADER =
			"| data | normal / defective test images | image AUC: latent · map peak · combined | "
					+ "normals flagged: latent (old verdict) · map peak · combined (verdict) | recall: latent · map peak · combined |\n"
					+ "|---|---|---|---|---|\n";

	/** The model's verdict calibration, or, for a model without one, what its training would now store. */
	static VerdictCalibration calibration(GanomalyModel model, SampleSet validation) {
		ModelManifest manifest = model.manifest();
		return manifest.verdictCalibration() != null
				? manifest.verdictCalibration()
				: NormalStatistics.of(
								model.networks(),
								validation,
								64,
								manifest.training().smoothing())
						.verdictCalibration(manifest.calibration());
	}

	private static String verdictRow(String name, GanomalyModel model, SampleSet validation, Data data) {
		ModelManifest manifest = model.manifest();
		Calibration latentCalibration = manifest.calibration();
		VerdictCalibration calibration = calibration(model, validation);
		System.err.println(calibration.describe());
		Verdict verdict = Verdict.of(latentCalibration, calibration);
		int n = data.test().size();
		double[] latent = new double[n], peak = new double[n], combined = new double[n];
		boolean[][] flagged = new boolean[3][n];
		new BatchScorer(model.networks(), BatchNormMode.RUNNING_STATISTICS, 64, true)
				.withMapSmoothing(manifest.training().smoothing())
				.score(BatchScorer.iterate(data.test()), (i, item, s, r, map) -> {
					latent[i] = s.latent();
					peak[i] = Verdict.peak(map);
					Verdict.Judgement judgement = verdict.judge(s.latent(), map);
					combined[i] = judgement.score();
					flagged[0][i] = latentCalibration.anomalous(s.latent());
					flagged[1][i] = calibration.peaks().anomalous(peak[i]);
					flagged[2][i] = judgement.anomalous();
				});
		boolean[] defective = data.defective();
		int defectives = 0;
		for (boolean d : defective) if (d) defectives++;
		double[][] rates = new double[3][2];
		for (int k = 0; k < 3; k++)
			for (int i = 0; i < n; i++)
				if (flagged[k][i]) rates[k][defective[i] ? 1 : 0] += 1.0 / (defective[i] ? defectives : n - defectives);
		return String.format(
				Locale.ROOT,
				"| %s | %d / %d | %.4f · %.4f · **%.4f** | %.3f · %.3f · **%.3f** | %.3f · %.3f · **%.3f** |%n",
				name,
				n - defectives,
				defectives,
				RocAnalysis.of(latent, defective).auc(),
				RocAnalysis.of(peak, defective).auc(),
				RocAnalysis.of(combined, defective).auc(),
				rates[0][0],
				rates[1][0],
				rates[2][0],
				rates[0][1],
				rates[1][1],
				rates[2][1]);
	}

	private static void components(
			GanomalyModel model,
			double pixelThreshold,
			SampleSet set,
			boolean[] defective,
			String name,
			StringBuilder csv) {
		int width = set.shape().size();
		new BatchScorer(model.networks(), BatchNormMode.RUNNING_STATISTICS, 64, true)
				.withMapSmoothing(model.manifest().training().smoothing())
				.score(BatchScorer.iterate(set), (i, item, s, r, map) -> {
					MapRegions all = MapRegions.of(map, width, pixelThreshold, 1);
					MapRegions large = MapRegions.of(map, width, pixelThreshold, 9);
					csv.append(String.format(
							Locale.ROOT,
							"%s,%d,%.9g,%.9g,%.9g,%d,%d,%d,%.9g%n",
							name,
							defective != null && defective[i] ? 1 : 0,
							s.latent(),
							s.reconstructionError(),
							all.max(),
							all.area(),
							large.area(),
							large.count(),
							Verdict.peak(map)));
				});
	}

	private static GanomalyModel train(Data data, ValidationSplit split, int epochs, long seed) {
		long start = System.nanoTime();
		return Training.run(
						new Training.Request(
								NetworkConfig.defaults(data.shape()),
								TrainingConfig.defaults().toBuilder()
										.epochs(epochs)
										.seed(seed)
										.build(),
								DeviceRuntime.cpu(),
								split.training(),
								split.validation(),
								Preprocessing.resizedBytes(data.shape()),
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
						})
				.model();
	}

	static Data data(SpeedBench.Args a, long seed) throws IOException {
		String kind = a.get("data", "defects");
		if (kind.equals("mnist")) {
			IdxFiles.MnistLikeSet set = IdxFiles.load(Path.of(a.get("idx-dir", "bench/data/mnist")));
			String splitFile = a.get("split", null);
			if (splitFile == null) throw new IllegalArgumentException("--data mnist needs --split FILE");
			SplitFile split = SplitFile.read(Path.of(splitFile));
			split.checkAgainst(set);
			return new Data(
					new ImageShape(1, 32),
					MnistPreprocessing.sampleSet(set, split.train(), 32),
					MnistPreprocessing.sampleSet(set, split.test(), 32),
					split.testAbnormal());
		}
		int trainCount = a.getInt("train", 1500);
		int testNormal = a.getInt("test-normal", 300);
		int testDefective = a.getInt("test-defective", 300);
		boolean cells = kind.equals("cells");
		if (!cells && !kind.equals("defects"))
			throw new IllegalArgumentException("--data is defects, cells or mnist, not " + kind);
		// The same sequence of draws as DefectMapBench: training normals, test normals, then defective images.
		ImageShape shape = new ImageShape(1, 64);
		SplittableRandom random = new SplittableRandom(seed);
		InMemorySampleSet normals = new InMemorySampleSet(shape, trainCount);
		for (int i = 0; i < trainCount; i++)
			normals.add(
					cells
							? CellImages.normal(random).pixels()
							: DefectImages.normal(random).pixels());
		InMemorySampleSet test = new InMemorySampleSet(shape, testNormal + testDefective);
		boolean[] defective = new boolean[testNormal + testDefective];
		for (int i = 0; i < testNormal; i++)
			test.add(
					cells
							? CellImages.normal(random).pixels()
							: DefectImages.normal(random).pixels());
		for (int i = 0; i < testDefective; i++) {
			defective[testNormal + i] = true;
			test.add(
					cells
							? CellImages.defective(random, CellImages.Kind.values()[i % 3])
									.pixels()
							: DefectImages.defective(random, DefectImages.Kind.values()[i % 3])
									.pixels());
		}
		return new Data(shape, normals, test, defective);
	}
}
