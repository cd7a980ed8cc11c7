package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * A named network tensor: a trainable parameter, or a buffer such as a BatchNorm running mean. Names follow
 * the PyTorch state_dict keys of the reference code, so weights can be compared with it.
 */
public record Tensor(String name, NDArray array, boolean trainable) {}
