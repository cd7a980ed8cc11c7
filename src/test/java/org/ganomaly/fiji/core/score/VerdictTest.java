package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.SplittableRandom;
import org.junit.Test;

public class VerdictTest {

	private static final int PIXELS = 64;

	@Test
	public void withoutAVerdictCalibrationTheVerdictIsTheLatentRule() {
		Calibration latent = Calibration.of(exponential(new SplittableRandom(2), 500), "validation", 0.99);
		Verdict verdict = Verdict.of(latent, null, null);
		assertFalse(verdict.usesMaps());
		for (double s = 0; s < 10; s += 0.1) {
			Verdict.Judgement judgement = verdict.judge(s, null);
			assertEquals(latent.anomalous(s), judgement.anomalous());
			assertEquals(new NormalTail(latent).rarity(s), judgement.score(), 0);
		}
	}

	@Test
	public void theCombinedVerdictFlagsTheThresholdsShareOfNormalsAndEitherKindOfEvidence() {
		SplittableRandom random = new SplittableRandom(3);
		int n = 4000;
		double[] latentScores = exponential(random, n);
		float[][] maps = new float[n][];
		for (int i = 0; i < n; i++) maps[i] = map(random, 0);
		Calibration latent = Calibration.of(latentScores, "validation", 0.99);
		Calibration pixels = pixels(maps);
		VerdictCalibration calibration = calibration(latentScores, maps, latent, pixels);
		Verdict verdict = Verdict.of(latent, pixels, calibration);
		assertTrue(verdict.usesMaps());

		// fresh normal images: about 1 % flagged
		int flagged = 0;
		for (int i = 0; i < n; i++)
			if (verdict.judge(exponential(random, 1)[0], map(random, 0)).anomalous()) flagged++;
		assertEquals(0.01, flagged / (double) n, 0.005);

		double typical = Calibration.quantile(latent.normalScores(), 0.5);
		Verdict.Judgement normal = verdict.judge(typical, map(random, 0));
		Verdict.Judgement defect = verdict.judge(typical, map(random, 12)); // a normal latent score, a 12 px defect
		Verdict.Judgement unlike = verdict.judge(20, map(random, 0)); // an image unlike the normals as a whole
		assertFalse(normal.anomalous());
		assertTrue(defect.anomalous());
		assertTrue(unlike.anomalous());
		assertTrue(defect.score() > 2 && unlike.score() > 2 && normal.score() < 2);
		assertTrue(
				"more evidence, higher score",
				verdict.judge(20, map(random, 12)).score() >= unlike.score());
	}

	@Test
	public void theAreaCountsThePixelsAboveTheThreshold() {
		assertEquals(2, Verdict.area(new float[] {0.1f, 0.5f, 0.3f, 0.2f}, 0.25));
		assertEquals("a pixel at the threshold is not above it", 0, Verdict.area(new float[] {0.5f}, 0.5));
	}

	/** A map of noise, with {@code defect} pixels far above it. */
	private static float[] map(SplittableRandom random, int defect) {
		float[] map = new float[PIXELS];
		for (int p = 0; p < PIXELS; p++) map[p] = (float) Math.abs(random.nextGaussian()) * 0.1f;
		for (int p = 0; p < defect; p++) map[p] = 2;
		return map;
	}

	private static double[] exponential(SplittableRandom random, int n) {
		double[] out = new double[n];
		for (int i = 0; i < n; i++) out[i] = -Math.log(1 - random.nextDouble());
		return out;
	}

	private static Calibration pixels(float[][] maps) {
		double[] values = new double[maps.length * PIXELS];
		for (int i = 0; i < maps.length; i++) for (int p = 0; p < PIXELS; p++) values[i * PIXELS + p] = maps[i][p];
		return Calibration.of(values, "validation", NormalStatistics.PIXEL_QUANTILE);
	}

	private static VerdictCalibration calibration(
			double[] latentScores, float[][] maps, Calibration latent, Calibration pixels) {
		float[][] tops = new float[maps.length][];
		for (int i = 0; i < maps.length; i++) {
			float[] sorted = maps[i].clone();
			java.util.Arrays.sort(sorted);
			tops[i] = java.util.Arrays.copyOfRange(sorted, PIXELS - NormalStatistics.topCount(PIXELS), PIXELS);
		}
		return new NormalStatistics(latentScores, new double[] {0}, tops).verdictCalibration(latent, pixels);
	}
}
