package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Parameter-free activations used by the GANomaly networks. */
public enum Activations implements Layer {
	LEAKY_RELU {
		@Override
		public NDArray forward(Forward pass, NDArray x) {
			return Activation.leakyRelu(x, 0.2f);
		}
	},
	RELU {
		@Override
		public NDArray forward(Forward pass, NDArray x) {
			return Activation.relu(x);
		}
	},
	TANH {
		@Override
		public NDArray forward(Forward pass, NDArray x) {
			return x.tanh();
		}
	}
}
