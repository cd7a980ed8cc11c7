package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Square-kernel 2-D convolution without bias (as every convolution in GANomaly). Weight: [out, in, k, k]. */
public final class Conv2d implements Layer {

	private final NDArray weight;
	private final int stride;
	private final int padding;

	public Conv2d(NDManager manager, int in, int out, int kernel, int stride, int padding) {
		this.weight = Parameters.create(manager, new Shape(out, in, kernel, kernel));
		this.stride = stride;
		this.padding = padding;
	}

	@Override
	public NDArray forward(Forward pass, NDArray x) {
		return pass.convolve(x, pass.param(weight), stride, padding);
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
