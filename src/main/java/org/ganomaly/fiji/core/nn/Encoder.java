package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDManager;

/** The reference Encoder(isize, nz, nc, ndf, n_extra_layers) as a named {@link Sequential} ("main"). */
public final class Encoder {

	private Encoder() {}

	/** Layers of the reference encoder; module names match its state_dict keys. */
	public static Sequential build(NDManager manager, NetworkConfig config, int outputs) {
		int nc = config.image().channels();
		int width = config.nf();
		Sequential main = new Sequential();
		main.add("initial-conv-" + nc + "-" + width, new Conv2d(manager, nc, width, 4, 2, 1));
		main.add("initial-relu-" + width, Activations.LEAKY_RELU);
		int size = config.image().size() / 2;
		for (int t = 0; t < config.extraLayers(); t++) {
			String name = "extra-layers-" + t + "-" + width;
			main.add(name + "-conv", new Conv2d(manager, width, width, 3, 1, 1));
			main.add(name + "-batchnorm", new BatchNorm2d(manager, width));
			main.add(name + "-relu", Activations.LEAKY_RELU);
		}
		while (size > 4) {
			int next = width * 2;
			main.add("pyramid-" + width + "-" + next + "-conv", new Conv2d(manager, width, next, 4, 2, 1));
			main.add("pyramid-" + next + "-batchnorm", new BatchNorm2d(manager, next));
			main.add("pyramid-" + next + "-relu", Activations.LEAKY_RELU);
			width = next;
			size /= 2;
		}
		main.add("final-" + width + "-1-conv", new Conv2d(manager, width, outputs, 4, 1, 0));
		return main;
	}
}
