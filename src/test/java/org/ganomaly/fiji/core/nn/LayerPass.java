package org.ganomaly.fiji.core.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.ganomaly.fiji.core.engine.ChannelPadding;

/** For tests and benches: one training pass of a layer (convolutions unpadded) and the backward pass of Σ output·g. */
public final class LayerPass {

	private LayerPass() {}

	/** The layer's output; gradients are left on {@code input} and the layer's parameters. */
	public static float[] forwardAndBackward(Layer layer, NDManager manager, NDArray input, float[] g) {
		try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
			NDArray out = layer.forward(Forward.training(manager, ChannelPadding.NONE), input);
			float[] y = out.toFloatArray();
			collector.backward(out.mul(manager.create(g, out.getShape())).sum());
			return y;
		}
	}
}
