package org.ganomaly.fiji.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Reading back the host copies that {@link AdamOptimizer} and {@link WeightAverage} save in a model file. */
final class SavedState {

	private SavedState() {}

	/** The count saved under {@code key}; {@code what} names the state in the error ("Optimizer state"). */
	static long count(Map<String, float[]> state, String key, String what, String countName) {
		float[] v = state.get(key);
		if (v == null) throw new IllegalArgumentException(what + " has no " + countName + ".");
		return (long) v[0];
	}

	/** Copies the values saved under {@code key} into {@code target}, which they must fit exactly. */
	static void load(Map<String, float[]> state, String key, String what, NDArray target) {
		float[] v = state.get(key);
		if (v == null || v.length != target.size())
			throw new IllegalArgumentException(what + " '" + key + "' is missing or has the wrong size.");
		target.set(v);
	}
}
