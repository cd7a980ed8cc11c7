package org.ganomaly.fiji.core.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Random;
import org.ganomaly.fiji.core.metrics.RocAnalysis.OperatingPoint;
import org.ganomaly.fiji.core.metrics.RocAnalysis.PrPoint;
import org.ganomaly.fiji.core.metrics.RocAnalysis.RocPoint;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class RocAnalysisTest {

	private static final double EPS = 1e-12;

	/** scikit-learn's documentation example: roc_auc_score 0.75, average_precision_score 0.8333. */
	@Test
	public void smallCaseWithoutTies() {
		RocAnalysis roc = RocAnalysis.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
		assertEquals(0.75, roc.auc(), EPS);
		assertEquals(0.5 + 0.5 * 2 / 3.0, roc.averagePrecision(), EPS);

		List<RocPoint> curve = roc.rocCurve();
		assertEquals(
				List.of(
						new RocPoint(0, 0, Double.POSITIVE_INFINITY),
						new RocPoint(0, 0.5, 0.8),
						new RocPoint(0.5, 0.5, 0.4),
						new RocPoint(0.5, 1, 0.35),
						new RocPoint(1, 1, 0.1)),
				curve);

		List<PrPoint> pr = roc.precisionRecallCurve();
		assertEquals(4, pr.size());
		assertEquals(new PrPoint(0.5, 1, 0.8), pr.get(0));
		assertEquals(new PrPoint(0.5, 0.5, 0.4), pr.get(1));
		assertEquals(1.0, pr.get(2).recall(), EPS);
		assertEquals(2 / 3.0, pr.get(2).precision(), EPS);
		assertEquals(new PrPoint(1, 0.5, 0.1), pr.get(3));

		// J = 0.5 at both 0.8 and 0.35: the higher threshold wins.
		OperatingPoint best = roc.youdenOptimum();
		assertEquals(0.8, best.threshold(), 0);
		assertEquals(0.5, best.tpr(), EPS);
		assertEquals(0, best.fpr(), EPS);
		assertEquals(1, best.precision(), EPS);
		assertEquals(2 / 3.0, best.f1(), EPS);
		assertEquals(0.5, best.youdenJ(), EPS);
	}

	/** Ties between a normal and an abnormal sample count one half. */
	@Test
	public void tiesCountHalf() {
		double[] scores = {0.5, 0.5, 0.5, 0.9, 0.1};
		boolean[] abnormal = {true, false, false, true, false};
		RocAnalysis roc = RocAnalysis.of(scores, abnormal);
		// pairs: 0.9 beats all 3 normals; 0.5 ties two (2 × ½) and beats 0.1 → 5 of 6
		assertEquals(2, roc.positives());
		assertEquals(3, roc.negatives());
		assertEquals(5 / 6.0, roc.auc(), EPS);
		// thresholds 0.9 (R ½, P 1), 0.5 (R 1, P 2/4), 0.1 → ½·1 + ½·½
		assertEquals(0.75, roc.averagePrecision(), EPS);
		assertEquals(4, roc.rocCurve().size());
		assertEquals(new RocPoint(2 / 3.0, 1, 0.5), roc.rocCurve().get(2));

		OperatingPoint best = roc.youdenOptimum();
		assertEquals(0.9, best.threshold(), 0);

		OperatingPoint atHalf = roc.at(0.5);
		assertEquals(1, atHalf.tpr(), EPS);
		assertEquals(2 / 3.0, atHalf.fpr(), EPS);
		assertEquals(0.5, atHalf.precision(), EPS);
		assertEquals(2 * 0.5 / 1.5, atHalf.f1(), EPS);
		assertEquals(0.5, roc.at(0.6).tpr(), EPS);
		assertEquals(0, roc.at(2).tpr(), EPS);
	}

	@Test
	public void allScoresTiedGiveChance() {
		RocAnalysis roc = RocAnalysis.of(new double[] {3, 3, 3}, new boolean[] {true, false, false});
		assertEquals(0.5, roc.auc(), EPS);
		assertEquals(1 / 3.0, roc.averagePrecision(), EPS);
	}

	@Test
	public void perfectAndInvertedSeparation() {
		boolean[] abnormal = {false, false, true, true};
		assertEquals(1, RocAnalysis.of(new double[] {1, 2, 3, 4}, abnormal).auc(), EPS);
		assertEquals(1, RocAnalysis.of(new double[] {1, 2, 3, 4}, abnormal).averagePrecision(), EPS);
		assertEquals(0, RocAnalysis.of(new double[] {4, 3, 2, 1}, abnormal).auc(), EPS);
	}

	@Test
	public void matchesBruteForceOnRandomData() {
		Random random = new Random(7);
		for (int trial = 0; trial < 50; trial++) {
			int n = 2 + random.nextInt(300);
			double[] scores = new double[n];
			boolean[] abnormal = new boolean[n];
			for (int i = 0; i < n; i++) {
				abnormal[i] = random.nextDouble() < 0.3;
				// few distinct values, so ties are common; abnormal slightly higher
				scores[i] = Math.round(random.nextGaussian() * 3 + (abnormal[i] ? 1 : 0)) / 2.0;
			}
			abnormal[0] = true;
			abnormal[1] = false;
			RocAnalysis roc = RocAnalysis.of(scores, abnormal);
			assertEquals("AUC, trial " + trial, bruteForceAuc(scores, abnormal), roc.auc(), 1e-12);
			assertEquals(
					"AP, trial " + trial, bruteForceAveragePrecision(scores, abnormal), roc.averagePrecision(), 1e-12);

			OperatingPoint best = roc.youdenOptimum();
			for (RocPoint p : roc.rocCurve()) assertTrue(p.tpr() - p.fpr() <= best.youdenJ() + 1e-12);
		}
	}

	/** Mann–Whitney: fraction of (abnormal, normal) pairs ordered correctly, ties ½. */
	private static double bruteForceAuc(double[] scores, boolean[] abnormal) {
		double wins = 0;
		long pairs = 0;
		for (int i = 0; i < scores.length; i++)
			for (int j = 0; j < scores.length; j++)
				if (abnormal[i] && !abnormal[j]) {
					pairs++;
					wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
				}
		return wins / pairs;
	}

	/** Mean over abnormal samples of the precision when their own score is the threshold. */
	private static double bruteForceAveragePrecision(double[] scores, boolean[] abnormal) {
		double sum = 0;
		int positives = 0;
		for (int i = 0; i < scores.length; i++) {
			if (!abnormal[i]) continue;
			positives++;
			int called = 0, correct = 0;
			for (int j = 0; j < scores.length; j++)
				if (scores[j] >= scores[i]) {
					called++;
					if (abnormal[j]) correct++;
				}
			sum += (double) correct / called;
		}
		return sum / positives;
	}

	@Test
	public void clearErrors() {
		assertMessage("differ in length", () -> RocAnalysis.of(new double[] {1, 2}, new boolean[] {true}));
		assertMessage("no samples", () -> RocAnalysis.of(new double[0], new boolean[0]));
		assertMessage(
				"Score 1 is NaN",
				() -> RocAnalysis.of(new double[] {1, Double.NaN, 3}, new boolean[] {true, false, false}));
		assertMessage(
				"found only 3 normal",
				() -> RocAnalysis.of(new double[] {1, 2, 3}, new boolean[] {false, false, false}));
		assertMessage("found only 2 abnormal", () -> RocAnalysis.of(new double[] {1, 2}, new boolean[] {true, true}));
	}

	private static void assertMessage(String expected, ThrowingRunnable call) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		assertTrue(e.getMessage(), e.getMessage().contains(expected));
	}
}
