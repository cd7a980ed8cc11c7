package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class MapSmoothingTest {

	@Test
	public void noneLeavesTheMapAsItIs() {
		float[] map = {1, 2, 3, 4};
		assertSame(map, MapSmoothing.NONE.apply(map, 2));
	}

	@Test
	public void anImpulseBecomesTheSampledGaussianAndKeepsItsMass() {
		int size = 21;
		float[] map = new float[size * size];
		map[10 * size + 10] = 1;
		float[] smoothed = new MapSmoothing(1.5).apply(map, size);
		double sum = 0;
		for (float v : smoothed) sum += v;
		assertEquals(1, sum, 1e-5);
		// Separable: the weight at (dx, dy) is g(dx) g(dy), with g the normalised 1-D Gaussian of σ 1.5.
		double norm = 0;
		for (int i = -5; i <= 5; i++) norm += Math.exp(-i * i / 4.5);
		double g0 = 1 / norm, g2 = Math.exp(-4 / 4.5) / norm;
		assertEquals(g0 * g0, smoothed[10 * size + 10], 1e-6);
		assertEquals(g2 * g0, smoothed[10 * size + 12], 1e-6);
		assertEquals(g2 * g2, smoothed[8 * size + 8], 1e-6);
		assertEquals(smoothed[10 * size + 7], smoothed[10 * size + 13], 0);
		assertEquals(smoothed[7 * size + 10], smoothed[10 * size + 7], 1e-9);
	}

	@Test
	public void aConstantMapStaysConstantUpToTheEdges() {
		float[] map = new float[8 * 8];
		java.util.Arrays.fill(map, 0.25f);
		for (float v : new MapSmoothing(2).apply(map, 8)) assertEquals(0.25, v, 1e-6);
	}

	@Test
	public void edgesAreMirroredWithoutRepeatingPastTheMap() {
		assertEquals(0, MapSmoothing.mirrored(-1, 5));
		assertEquals(1, MapSmoothing.mirrored(-2, 5));
		assertEquals(4, MapSmoothing.mirrored(5, 5));
		assertEquals(3, MapSmoothing.mirrored(6, 5));
		// Kernels wider than the map reflect again.
		assertEquals(4, MapSmoothing.mirrored(-6, 5));
		for (int i = -40; i < 40; i++) {
			int m = MapSmoothing.mirrored(i, 3);
			assertTrue(m >= 0 && m < 3);
		}
	}

	@Test
	public void sigmaOutsideItsRangeIsRefusedWithTheRange() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MapSmoothing(-1));
		assertTrue(e.getMessage(), e.getMessage().contains("between 0 (none) and 8.0"));
		assertThrows(IllegalArgumentException.class, () -> new MapSmoothing(Double.NaN));
	}
}
