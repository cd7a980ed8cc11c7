package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Creation of parameter and buffer arrays. */
final class Parameters {

	private Parameters() {}

	/** A zero-filled trainable array; the network's initialiser draws its values. */
	static NDArray create(NDManager manager, Shape shape) {
		NDArray array = manager.zeros(shape);
		array.setRequiresGradient(true);
		return array;
	}

	static NDArray buffer(NDManager manager, Shape shape, float value) {
		return value == 0 ? manager.zeros(shape) : manager.full(shape, value);
	}
}
