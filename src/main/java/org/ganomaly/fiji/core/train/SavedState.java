package org.ganomaly.fiji.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Reading back the host copies that {@link AdamOptimizer} and {@link WeightAverage} save in a model file. */
final class SavedState {

	private SavedState() {}

	/** Counts travel as floats, exact only to 2^24: a count is saved as its two 24-bit halves, low first. */
	private static final long HALF = 1L << 24;

	/** A count as it is saved, exactly (up to 2^48). */
	static float[] countValues(long count) {
		return new float[] {count % HALF, count / HALF};
	}

	/**
	 * The count saved under {@code key} (as {@link #countValues}, or as one float by files written before);
	 * {@code what} names the state in the error ("Optimizer state").
	 */
	static long count(Map<String, float[]> state, String key, String what, String countName) {
		float[] v = state.get(key);
		if (v == null || v.length == 0 || v.length > 2)
			throw new IllegalArgumentException(what + " has no " + countName + ".");
		return (long) v[0] + (v.length == 2 ? (long) v[1] * HALF : 0);
	}

	/** Copies the values saved under {@code key} into {@code target}, which they must fit exactly. */
	static void load(Map<String, float[]> state, String key, String what, NDArray target) {
		float[] v = state.get(key);
		if (v == null || v.length != target.size())
			throw new IllegalArgumentException(what + " '" + key + "' is missing or has the wrong size.");
		target.set(v);
	}
}
