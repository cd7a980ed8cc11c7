package org.ganomaly.fiji.core;

import static org.junit.Assert.assertTrue;

import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;
import org.junit.Test;

/** Train on normal images only, then tell held-out normals from anomalies of another structure. */
public class EndToEndTest {

	@Test
	public void separatesHeldOutNormalsFromAnomalies() {
		SyntheticImages images = new SyntheticImages(32, 11);
		InMemorySampleSet train = images.sampleSet(SyntheticImages.Kind.BLOBS, 320);
		InMemorySampleSet validation = images.sampleSet(SyntheticImages.Kind.BLOBS, 32);
		InMemorySampleSet normals = images.sampleSet(SyntheticImages.Kind.BLOBS, 60);
		InMemorySampleSet anomalies = images.sampleSet(SyntheticImages.Kind.STRIPES, 60);
		TrainingConfig config = TrainingConfig.defaults().toBuilder()
				.batchSize(32)
				.epochs(6)
				.seed(1)
				.build();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(
						new NetworkConfig(new ImageShape(1, 32), 32, 16, 0), DeviceRuntime.cpu(), config.seed());
				GanomalyTrainer trainer = new GanomalyTrainer(nets, config)) {
			GanomalyTrainer.Result result = trainer.train(train, validation, TrainingListener.NONE);
			BatchScorer scorer = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, 64, false);
			double[] normal = scorer.latentScores(normals);
			double[] abnormal = scorer.latentScores(anomalies);
			double auc = pairwiseAuc(normal, abnormal);
			assertTrue("AUC " + auc + " (selected epoch " + result.summary().selectedEpoch() + ")", auc >= 0.9);
			// The calibrated threshold flags most anomalies and few normals.
			double threshold = result.calibration().threshold();
			long flaggedNormals =
					java.util.Arrays.stream(normal).filter(s -> s > threshold).count();
			long flaggedAnomalies =
					java.util.Arrays.stream(abnormal).filter(s -> s > threshold).count();
			assertTrue(flaggedNormals + " of 60 normals flagged", flaggedNormals <= 12);
			assertTrue(flaggedAnomalies + " of 60 anomalies flagged", flaggedAnomalies >= 30);
		}
	}

	/** AUC as the probability that an anomaly outscores a normal image (ties count half). */
	private static double pairwiseAuc(double[] normal, double[] abnormal) {
		double wins = 0;
		for (double a : abnormal) for (double n : normal) wins += a > n ? 1 : a == n ? 0.5 : 0;
		return wins / ((double) normal.length * abnormal.length);
	}
}
