package org.ganomaly.fiji.core.metrics;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class PixelEvaluationTest {

	@Test
	public void theSmallCaseByHand() {
		// As in ProCurveTest: 3 anomalous pixels (two regions), 5 normal ones.
		float[] map = {0.9f, 0.8f, 0.1f, 0.4f, 0.7f, 0.2f, 0.3f, 0.6f};
		boolean[] mask = {true, true, false, false, false, false, false, true};
		PixelEvaluation e = PixelEvaluation.of(List.of(map), List.of(mask), 4, 2);
		// Of the 15 (anomalous, normal) pairs, only 0.6 (B) below 0.7 (normal) is misordered: AUC 14/15.
		assertEquals(14.0 / 15, e.auroc(), 1e-12);
		assertEquals(0.2 / 0.3, e.aupro(), 1e-12);
		assertEquals(2, e.pro().regions());
		assertEquals(8, e.pixels());
		assertEquals(3, e.anomalousPixels());
		// Best F1: at 0.6 all 3 anomalous and 1 normal pixel are called: precision 3/4, recall 1, F1 6/7.
		assertEquals(0.6f, e.bestF1().threshold(), 0);
		assertEquals(0.75, e.bestF1().precision(), 1e-12);
		assertEquals(1, e.bestF1().tpr(), 0);
		assertEquals(6.0 / 7, e.bestF1().f1(), 1e-12);
	}
}
