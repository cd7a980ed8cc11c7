package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/** Square-kernel 2-D convolution without bias (as every convolution in GANomaly). Weight: [out, in, k, k]. */
public final class Conv2d implements Layer {

	private final NDArray weight;
	private final Shape stride;
	private final Shape padding;

	public Conv2d(NDManager manager, int in, int out, int kernel, int stride, int padding) {
		this.weight = Parameters.create(manager, new Shape(out, in, kernel, kernel));
		this.stride = new Shape(stride, stride);
		this.padding = new Shape(padding, padding);
	}

	@Override
	public NDArray forward(Forward pass, NDArray x) {
		return ai.djl.nn.convolutional.Conv2d.conv2d(x, pass.param(weight), null, stride, padding, new Shape(1, 1))
			.singletonOrThrow();
	}

	@Override
	public void tensors(String prefix, List<Tensor> out) {
		out.add(new Tensor(prefix + "weight", weight, true));
	}

	@Override
	public void initialize(WeightInit init) {
		init.normal(weight, 0);
	}
}
