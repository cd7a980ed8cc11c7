package org.ganomaly.fiji.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.Verdict;
import org.ganomaly.fiji.core.score.VerdictCalibration;

/**
 * Which normal images a model's verdict flags more often than its calibration promises: for an MNIST model of
 * {@link VerdictBench}, the share of normal images flagged by the latent rule and by the verdict among its test
 * normals and among normals it never saw from the training side of the reference protocol's pool (the training
 * images of a split with the same seed and a larger subset, past this split's: the protocol shuffles the pool once,
 * so they are drawn exactly as the validation normals are). One markdown row to stdout.
 * <p>
 * Usage: UnseenNormalsBench --split FILE --more-split FILE --model FILE [--seed 0] [--idx-dir bench/data/mnist]
 * [--name ROW-NAME]
 */
public final class UnseenNormalsBench {

	public static void main(String[] args) throws Exception {
		SpeedBench.Args a = new SpeedBench.Args(args);
		long seed = a.getInt("seed", 0);
		IdxFiles.MnistLikeSet set = IdxFiles.load(Path.of(a.get("idx-dir", "bench/data/mnist")));
		SplitFile split = SplitFile.read(Path.of(a.get("split", null)));
		SplitFile more = SplitFile.read(Path.of(a.get("more-split", null)));
		split.checkAgainst(set);
		more.checkAgainst(set);
		int[] train = split.train(), moreTrain = more.train();
		if (!Arrays.equals(train, Arrays.copyOf(moreTrain, train.length)))
			throw new IllegalArgumentException("--more-split must start with --split's training images (same seed).");
		int[] testNormals = java.util.stream.IntStream.range(0, split.test().length)
				.filter(i -> !split.testAbnormal()[i])
				.map(i -> split.test()[i])
				.toArray();
		SampleSet validation = ValidationSplit.of(MnistPreprocessing.sampleSet(set, train, 32), 0.1, seed)
				.validation();
		try (GanomalyModel model = ModelFile.load(Path.of(a.get("model", null)), DeviceRuntime.cpu())) {
			VerdictCalibration calibration = VerdictBench.calibration(model, validation);
			Verdict verdict = Verdict.of(model.manifest().calibration(), calibration);
			double[] test = flagged(model, verdict, MnistPreprocessing.sampleSet(set, testNormals, 32));
			double[] unseen = flagged(
					model,
					verdict,
					MnistPreprocessing.sampleSet(
							set, Arrays.copyOfRange(moreTrain, train.length, moreTrain.length), 32));
			System.out.printf(
					Locale.ROOT,
					"| %s | %d · %.3f · **%.3f** | %d · %.3f · **%.3f** |%n",
					a.get("name", "MNIST"),
					(int) test[2],
					test[0],
					test[1],
					(int) unseen[2],
					unseen[0],
					unseen[1]);
		}
	}

	/** The shares flagged by the latent rule and by the verdict, and the count of images. */
	private static double[] flagged(GanomalyModel model, Verdict verdict, SampleSet normals) {
		int[] counts = new int[2];
		new BatchScorer(model.networks(), BatchNormMode.RUNNING_STATISTICS, 64, true)
				.withMapSmoothing(model.manifest().training().smoothing())
				.score(BatchScorer.iterate(normals), (i, item, s, r, map) -> {
					if (model.manifest().calibration().anomalous(s.latent())) counts[0]++;
					if (verdict.judge(s.latent(), map).anomalous()) counts[1]++;
				});
		return new double[] {counts[0] / (double) normals.size(), counts[1] / (double) normals.size(), normals.size()};
	}
}
