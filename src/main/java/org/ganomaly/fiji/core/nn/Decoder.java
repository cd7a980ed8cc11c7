package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDManager;

/** The reference Decoder(isize, nz, nc, ngf, n_extra_layers) as a named {@link Sequential} ("main"). */
public final class Decoder {

	private Decoder() {}

	public static Sequential build(NDManager manager, NetworkConfig config) {
		int isize = config.image().size();
		int nc = config.image().channels();
		int width = config.nf() / 2;
		for (int size = 4; size != isize; size *= 2) width *= 2;
		Sequential main = new Sequential();
		main.add(
				"initial-" + config.nz() + "-" + width + "-convt",
				TransposedConv2d.project(manager, config.nz(), width, 4));
		main.add("initial-" + width + "-batchnorm", new BatchNorm2d(manager, width));
		main.add("initial-" + width + "-relu", Activations.RELU);
		for (int size = 4; size < isize / 2; size *= 2) {
			int next = width / 2;
			main.add("pyramid-" + width + "-" + next + "-convt", TransposedConv2d.upsample(manager, width, next));
			main.add("pyramid-" + next + "-batchnorm", new BatchNorm2d(manager, next));
			main.add("pyramid-" + next + "-relu", Activations.RELU);
			width = next;
		}
		for (int t = 0; t < config.extraLayers(); t++) {
			String name = "extra-layers-" + t + "-" + width;
			main.add(name + "-conv", new Conv2d(manager, width, width, 3, 1, 1));
			main.add(name + "-batchnorm", new BatchNorm2d(manager, width));
			main.add(name + "-relu", Activations.RELU);
		}
		main.add("final-" + width + "-" + nc + "-convt", TransposedConv2d.upsample(manager, width, nc));
		main.add("final-" + nc + "-tanh", Activations.TANH);
		return main;
	}
}
