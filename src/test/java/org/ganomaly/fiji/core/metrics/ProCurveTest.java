package org.ganomaly.fiji.core.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class ProCurveTest {

	private static final boolean T = true, F = false;

	// 4×2 pixels. Region A: the two top-left pixels; region B: the bottom-right one (not 8-adjacent to A).
	private static final float[] MAP = {0.9f, 0.8f, 0.1f, 0.4f, 0.7f, 0.2f, 0.3f, 0.6f};
	private static final boolean[] MASK = {T, T, F, F, F, F, F, T};

	@Test
	public void auproOfASmallCaseWorkedOutByHand() {
		// Descending: 0.9 A, 0.8 A, 0.7 normal, 0.6 B, then the other 4 normals. Each region weighs 1/2 in PRO, each
		// normal pixel 1/5 in FPR. Points: (0, .25), (0, .5), (.2, .5), (.2, 1), (.4, 1), ...
		ProCurve curve = ProCurve.of(List.of(MAP), List.of(MASK), 4, 2);
		assertEquals(2, curve.regions());
		assertEquals(new ProCurve.Point(0, 0.5, 0.8f), curve.points().get(2));
		assertEquals(new ProCurve.Point(0.2, 1, 0.6f), curve.points().get(4));
		// Up to FPR 0.3: PRO 0.5 over [0, 0.2], then 1 over [0.2, 0.3]: area 0.1 + 0.1 = 0.2, over 0.3.
		assertEquals(0.2 / 0.3, curve.aupro(0.3), 1e-12);
		// Up to FPR 1: 0.1 + 0.8 = 0.9.
		assertEquals(0.9, curve.aupro(1), 1e-12);
	}

	@Test
	public void regionsAre8ConnectedAndCountedOverAllImages() {
		boolean[] diagonal = {T, F, F, F, F, T, F, F}; // (0,0) and (1,1) touch at a corner: one region
		float[] flat = new float[8];
		java.util.Arrays.fill(flat, 0.5f);
		ProCurve curve = ProCurve.of(List.of(MAP, flat), List.of(MASK, diagonal), 4, 2);
		assertEquals(3, curve.regions());
		ProCurve alone = ProCurve.of(List.of(flat), List.of(diagonal), 4, 2);
		assertEquals(1, alone.regions());
		// One threshold for equal values: all 6 normal pixels and the region at once.
		assertEquals(
				List.of(new ProCurve.Point(0, 0, Double.POSITIVE_INFINITY), new ProCurve.Point(1, 1, 0.5f)),
				alone.points());
	}

	@Test
	public void negativeValuesOrderAsNumbers() {
		float[] shifted = new float[MAP.length];
		for (int i = 0; i < MAP.length; i++) shifted[i] = MAP[i] - 0.75f; // A: 0.15, 0.05; the rest below 0
		ProCurve curve = ProCurve.of(List.of(shifted), List.of(MASK), 4, 2);
		assertEquals(0.2 / 0.3, curve.aupro(0.3), 1e-6);
	}

	@Test
	public void masksWithoutARegionOrWithoutNormalPixelsAreRefused() {
		boolean[] none = new boolean[8];
		boolean[] all = {T, T, T, T, T, T, T, T};
		assertThrows(IllegalArgumentException.class, () -> ProCurve.of(List.of(MAP), List.of(none), 4, 2));
		assertThrows(IllegalArgumentException.class, () -> ProCurve.of(List.of(MAP), List.of(all), 4, 2));
		assertThrows(IllegalArgumentException.class, () -> ProCurve.of(List.of(MAP), List.of(new boolean[4]), 4, 2));
	}
}
