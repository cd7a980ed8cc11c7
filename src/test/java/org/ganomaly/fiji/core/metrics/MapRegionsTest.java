package org.ganomaly.fiji.core.metrics;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class MapRegionsTest {

	// 5×3: a 3-pixel region (two pixels and one touching at a corner), a 1-pixel one, and values at the threshold.
	private static final float[] MAP = {
		9, 8, 0, 0, 0,
		0, 0, 7, 0, 5,
		1, 1, 0, 1, 1
	};

	@Test
	public void regionsAbove8ConnectedAndAtLeastTheMinimumArea() {
		assertEquals(new MapRegions(2, 4, 9), MapRegions.of(MAP, 5, 1, 1));
		assertEquals("the single pixel is left out", new MapRegions(1, 3, 9), MapRegions.of(MAP, 5, 1, 2));
		assertEquals("pixels at the threshold are not above it", new MapRegions(1, 1, 9), MapRegions.of(MAP, 5, 8, 1));
		assertEquals(new MapRegions(0, 0, 9), MapRegions.of(MAP, 5, 9, 1));
	}

	@Test
	public void theKeptRegionsAreNumberedFromOneInReadingOrder() {
		int[] numbers = new int[MAP.length];
		MapRegions.of(MAP, 5, 1, 1, numbers);
		// 9, 8 and the 7 touching the 8 at a corner are region 1; the lone 5 is region 2.
		org.junit.Assert.assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0}, numbers);
		MapRegions.of(MAP, 5, 1, 2, numbers);
		org.junit.Assert.assertArrayEquals(
				"the 1-pixel region is left out", new int[] {1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, numbers);
	}
}
