package org.ganomaly.fiji.core.nn;

import java.util.ArrayList;
import java.util.List;

/** A network made of named parts, with its tensors listed under PyTorch state_dict names. */
public abstract class Network {

	private final List<String> partNames = new ArrayList<>();
	private final List<Layer> parts = new ArrayList<>();

	protected final <L extends Layer> L part(String name, L layer) {
		partNames.add(name);
		parts.add(layer);
		return layer;
	}

	/** Every tensor, parameters and buffers, in a fixed order. */
	public final List<Tensor> tensors() {
		List<Tensor> out = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) parts.get(i).tensors(partNames.get(i) + ".", out);
		return out;
	}

	public final List<Tensor> parameters() {
		return tensors().stream().filter(Tensor::trainable).toList();
	}

	public final long parameterCount() {
		return parameters().stream().mapToLong(t -> t.array().size()).sum();
	}

	/** Draws all parameters afresh with the reference initialisation; running statistics are kept. */
	public final void initialize(WeightInit init) {
		for (Layer part : parts) part.initialize(init);
	}
}
