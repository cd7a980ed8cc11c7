package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The discriminator: the encoder with one output, split into {@code features} (all but the last convolution)
 * and {@code classifier} (the last convolution; the reference's Sigmoid is folded into the loss, which works on
 * logits for numerical stability).
 */
public final class NetD extends Network {

	/** Logits [N] and features [N, C, 4, 4]. */
	public record Output(NDArray logits, NDArray features) {}

	private final Sequential features;
	private final Sequential classifier;

	public NetD(NDManager manager, NetworkConfig config) {
		Sequential encoder = Encoder.build(manager, config, 1);
		features = part("features", encoder.slice(0, encoder.size() - 1));
		classifier = part("classifier", encoder.slice(encoder.size() - 1, encoder.size()));
	}

	public Output forward(Forward pass, NDArray x) {
		NDArray f = features.forward(pass, x);
		NDArray logits = classifier.forward(pass, f).reshape(-1);
		return new Output(logits, f);
	}
}
