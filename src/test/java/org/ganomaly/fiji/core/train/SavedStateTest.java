package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;

/** Step and update counts come back exactly from their saved floats, beyond float's 2^24 too. */
public class SavedStateTest {

	@Test
	public void countsAreExactBeyondFloatPrecision() {
		for (long count : new long[] {0, 1, 45, (1L << 24) - 1, 1L << 24, (1L << 24) + 1, 123_456_789_012L})
			assertEquals(
					count,
					SavedState.count(
							Map.of("step", SavedState.countValues(count)), "step", "Optimizer state", "steps"));
	}

	@Test
	public void aCountSavedAsOneFloatIsRead() {
		assertEquals(90, SavedState.count(Map.of("step", new float[] {90}), "step", "Optimizer state", "steps"));
	}
}
