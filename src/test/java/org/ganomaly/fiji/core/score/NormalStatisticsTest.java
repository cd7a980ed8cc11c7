package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.data.TurnedCopies;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.Test;

public class NormalStatisticsTest {

	@Test
	public void onePassGivesTheLatentScoresAndTheQuantilesOfEveryMapPixel() {
		InMemorySampleSet normals = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 10);
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(
				new NetworkConfig(new ImageShape(1, 16), 8, 4, 0), DeviceRuntime.cpu(), 2)) {
			double[] all = new double[10 * 256];
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 1, true)
					.score(BatchScorer.iterate(normals), (i, item, s, r, map) -> {
						for (int p = 0; p < 256; p++) all[i * 256 + p] = map[p];
					});
			NormalStatistics statistics = NormalStatistics.of(networks, normals, 4, MapSmoothing.NONE);
			assertArrayEquals(
					new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, false).latentScores(normals),
					statistics.latentScores(),
					0);
			Calibration pixels = statistics.pixelCalibration("validation");
			assertEquals(2560, pixels.count());
			assertEquals(NormalStatistics.PIXEL_QUANTILE, pixels.thresholdQuantile(), 0);
			double[] sorted = all.clone();
			Arrays.sort(sorted);
			assertEquals(Calibration.quantile(sorted, 0.999), pixels.threshold(), 1e-6);
			assertEquals(0.5, pixels.calibrated(Calibration.quantile(sorted, 0.5)), 2e-3);
			assertEquals(Calibration.quantile(sorted, 0.99), pixels.quantileOf(0.99), 1e-6);
		}
	}

	@Test
	public void smoothedStatisticsCountThePixelsOfTheSmoothedMaps() {
		InMemorySampleSet normals = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 6);
		MapSmoothing smoothing = new MapSmoothing(1);
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(
				new NetworkConfig(new ImageShape(1, 16), 8, 4, 0), DeviceRuntime.cpu(), 2)) {
			double[] all = new double[6 * 256];
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, true)
					.score(BatchScorer.iterate(normals), (i, item, s, r, map) -> {
						float[] smoothed = smoothing.apply(map, 16);
						for (int p = 0; p < 256; p++) all[i * 256 + p] = smoothed[p];
					});
			double[] sorted = all.clone();
			Arrays.sort(sorted);
			Calibration pixels =
					NormalStatistics.of(networks, normals, 4, smoothing).pixelCalibration("training");
			assertEquals(Calibration.quantile(sorted, 0.999), pixels.threshold(), 1e-6);
			double unsmoothed = NormalStatistics.of(networks, normals, 4, MapSmoothing.NONE)
					.pixelCalibration("training")
					.threshold();
			// Smoothing averages neighbours, so the rare high pixels come down.
			assertTrue(pixels.threshold() < unsmoothed);
		}
	}

	@Test
	public void theVerdictCalibrationTakesEachMapsPeakAndTheLatentScoresOfTurnedCopies() {
		InMemorySampleSet normals = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 40);
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(
				new NetworkConfig(new ImageShape(1, 16), 8, 4, 0), DeviceRuntime.cpu(), 2)) {
			NormalStatistics statistics = NormalStatistics.of(networks, normals, 8, MapSmoothing.NONE);
			double[] peaks = new double[40];
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 8, true)
					.score(BatchScorer.iterate(normals), (i, item, s, r, map) -> peaks[i] = Verdict.peak(map));
			assertArrayEquals(peaks, statistics.peaks(), 0);

			BatchScorer latent = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 8, false);
			double[] both = new double[80];
			boolean[] isCopy = new boolean[80];
			System.arraycopy(latent.latentScores(TurnedCopies.of(normals)), 0, both, 0, 40);
			System.arraycopy(latent.latentScores(normals), 0, both, 40, 40);
			Arrays.fill(isCopy, 0, 40, true);
			assertEquals(RocAnalysis.of(both, isCopy).auc(), statistics.layoutAuc(), 1e-12);
			assertEquals(40, statistics.layoutImages());

			Calibration latentCalibration = Calibration.of(statistics.latentScores(), "validation", 0.99);
			VerdictCalibration calibration = statistics.verdictCalibration(latentCalibration);
			assertArrayEquals(
					Calibration.of(peaks, "validation", 0.99).normalScores(),
					calibration.peaks().normalScores(),
					0);
			double weight = calibration.layoutWeight();
			double[] combined = new double[40];
			for (int i = 0; i < 40; i++)
				combined[i] = Verdict.combinedValue(
						new NormalTail(latentCalibration),
						new NormalTail(calibration.peaks()),
						weight,
						statistics.latentScores()[i],
						peaks[i]);
			Calibration expected = Calibration.conformal(combined, "validation", 0.99);
			assertArrayEquals(expected.normalScores(), calibration.combined().normalScores(), 0);
			assertEquals(
					"with 40 normals the conformal threshold is their largest value",
					Arrays.stream(combined).max().getAsDouble(),
					calibration.combined().threshold(),
					0);
			assertEquals("validation", calibration.combined().source());
		}
	}
}
