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

	@Test(expected = IllegalArgumentException.class)
	public void emptyScoresAreRejected() {
		Calibration.of(new double[0], "validation", 0.99);
	}

	@Test(expected = IllegalArgumentException.class)
	public void nanScoresAreRejected() {
		Calibration.of(new double[] {1, Double.NaN}, "validation", 0.99);
	}
}
