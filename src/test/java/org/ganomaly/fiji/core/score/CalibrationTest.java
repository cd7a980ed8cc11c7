package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class CalibrationTest {

	@Test
	public void calibratedScoreIsThePositionAmongNormalScores() {
		Calibration c = Calibration.of(new double[] {5, 1, 3, 2, 4}, "validation", 0.75);
		assertEquals(0, c.calibrated(0.5), 0);
		assertEquals(0, c.calibrated(1), 0);
		assertEquals(0.5, c.calibrated(3), 1e-12);
		assertEquals(0.625, c.calibrated(3.5), 1e-12);
		assertEquals(1, c.calibrated(5), 0);
		assertEquals(1, c.calibrated(50), 0);
		assertEquals(4, c.threshold(), 1e-12); // numpy.quantile([1..5], 0.75) = 4
		assertTrue(c.anomalous(4.01));
		assertFalse(c.anomalous(4));
	}

	@Test
	public void manyScoresAreStoredAsQuantiles() {
		double[] scores = new double[100_000];
		for (int i = 0; i < scores.length; i++) scores[i] = i;
		Calibration c = Calibration.of(scores, "training", 0.99);
		assertEquals(Calibration.MAX_STORED, c.normalScores().length);
		assertEquals(100_000, c.count());
		assertEquals(0.99 * 99_999, c.threshold(), 1e-6);
		assertEquals(0.25, c.calibrated(0.25 * 99_999), 1e-9);
	}

	@Test
	public void theConformalThresholdIsTheRankThatFlagsAtMostTheShareOfNewNormals() {
		double[] scores = new double[320];
		for (int i = 0; i < scores.length; i++) scores[i] = (i * 37) % 320; // 0 … 319, shuffled
		Calibration c = Calibration.conformal(scores, "validation", 0.99);
		assertEquals("the 318th smallest: ⌈321 × 0.99⌉", 317, c.threshold(), 0);
		assertEquals(Calibration.of(scores, "validation", 0.99).normalScores().length, c.normalScores().length);
		assertEquals(320, c.count());
		assertEquals("200 normals: ⌈201 × 0.99⌉ = 199, not 200", 198, conformalThresholdOf(200), 0);
		assertEquals("too few normals for the rank: their largest", 149, conformalThresholdOf(150), 0);

		assertEquals(3.0 / 321, Calibration.conformalExceedance(320, 0.99), 1e-15);
		assertEquals(1.0 / 151, Calibration.conformalExceedance(150, 0.99), 1e-15);
		assertEquals("3 normals: their largest, exceeded by 1 in 4", 0.25, Calibration.conformalExceedance(3, 0.99), 0);

		// Over many calibrations on 150 normals from a long-tailed law, a new normal lies above the threshold in at
		// most 1 % of cases (1 / 151 exactly: the rank is the largest); the interpolated quantile is exceeded more.
		java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		double conformal = 0, interpolated = 0;
		int runs = 4000;
		for (int run = 0; run < runs; run++) {
			double[] normals = new double[150];
			for (int i = 0; i < normals.length; i++) normals[i] = pareto(random);
			double next = pareto(random);
			if (Calibration.conformal(normals, "validation", 0.99).anomalous(next)) conformal++;
			if (Calibration.of(normals, "validation", 0.99).anomalous(next)) interpolated++;
		}
		assertEquals(1.0 / 151, conformal / runs, 0.003);
		assertTrue(interpolated / runs + " > " + conformal / runs, interpolated > conformal);
	}

	/** The conformal 0.99 threshold of the values 0, 1, …, n − 1. */
	private static double conformalThresholdOf(int n) {
		double[] values = new double[n];
		for (int i = 0; i < n; i++) values[i] = i;
		return Calibration.conformal(values, "validation", 0.99).threshold();
	}

	private static double pareto(java.util.SplittableRandom random) {
		return Math.pow(1 - random.nextDouble(), -1 / 1.5);
	}

	@Test(expected = IllegalArgumentException.class)
	public void emptyScoresAreRejected() {
		Calibration.of(new double[0], "validation", 0.99);
	}

	@Test(expected = IllegalArgumentException.class)
	public void nanScoresAreRejected() {
		Calibration.of(new double[] {1, Double.NaN}, "validation", 0.99);
	}
}
