package org.ganomaly.fiji.core.metrics;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class MinMaxScalingTest {

	@Test
	public void scalesToUnitInterval() {
		assertArrayEquals(new double[] {0.5, 0, 1, 0.25}, MinMaxScaling.scale(new double[] {3, 1, 5, 2}), 1e-15);
		MinMaxScaling s = MinMaxScaling.of(new double[] {2, 4});
		assertEquals(1.5, s.apply(5), 1e-15);
	}

	@Test
	public void equalScoresScaleToZero() {
		assertArrayEquals(new double[] {0, 0}, MinMaxScaling.scale(new double[] {7, 7}), 0);
	}

	@Test
	public void rejectsEmptyAndNonFinite() {
		assertThrows(IllegalArgumentException.class, () -> MinMaxScaling.of(new double[0]));
		IllegalArgumentException e =
				assertThrows(IllegalArgumentException.class, () -> MinMaxScaling.of(new double[] {1, Double.NaN}));
		assertEquals("Score 1 is NaN; min-max scaling needs finite scores.", e.getMessage());
	}
}
