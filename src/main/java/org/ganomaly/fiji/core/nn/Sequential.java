package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Named layers applied in order, like torch.nn.Sequential with add_module. */
public final class Sequential implements Layer {

	private final List<String> names = new ArrayList<>();
	private final List<Layer> layers = new ArrayList<>();

	public Sequential add(String name, Layer layer) {
		names.add(name);
		layers.add(layer);
		return this;
	}

	/** A new Sequential holding layers [from, to) of this one, renamed 0, 1, … as torch does for children(). */
	public Sequential slice(int from, int to) {
		Sequential part = new Sequential();
		for (int i = from; i < to; i++) part.add(Integer.toString(i - from), layers.get(i));
		return part;
	}

	public int size() {
		return layers.size();
	}

	/**
	 * Each layer in turn. An output between two layers is closed as soon as the next layer has used it, so that
	 * libtorch can reuse its memory within the pass, as PyTorch frees a tensor when its last reference goes. Autograd
	 * keeps what the backward pass needs by its own references: closing the handle frees nothing it still uses.
	 */
	@Override
	public NDArray forward(Forward pass, NDArray x) {
		NDArray input = x;
		for (Layer layer : layers) {
			NDArray out = layer.forward(pass, x);
			if (x != input && x != out) x.close();
			x = out;
		}
		return x;
	}

	@Override
	public void tensors(String prefix, List<Tensor> out) {
		for (int i = 0; i < layers.size(); i++) layers.get(i).tensors(prefix + names.get(i) + ".", out);
	}

	@Override
	public void initialize(WeightInit init) {
		for (Layer layer : layers) layer.initialize(init);
	}
}
