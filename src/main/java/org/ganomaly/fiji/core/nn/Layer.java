package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** One step of a network. */
public interface Layer {

	NDArray forward(Forward pass, NDArray x);

	/** Adds this layer's tensors to {@code out}, their names prefixed with {@code prefix}. */
	default void tensors(String prefix, List<Tensor> out) {}

	/** Draws fresh initial values for this layer's parameters (buffers are left alone). */
	default void initialize(WeightInit init) {}
}
