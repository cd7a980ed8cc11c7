package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** The generator: encoder1 → decoder → encoder2, returning (x̂, z, ẑ). */
public final class NetG extends Network {

	/** Output of one generator pass; z and ẑ have shape [N, nz, 1, 1]. */
	public record Output(NDArray reconstruction, NDArray latent, NDArray reconstructedLatent) {}

	private final Sequential encoder1;
	private final Sequential decoder;
	private final Sequential encoder2;

	public NetG(NDManager manager, NetworkConfig config) {
		encoder1 = part("encoder1.main", Encoder.build(manager, config, config.nz()));
		decoder = part("decoder.main", Decoder.build(manager, config));
		encoder2 = part("encoder2.main", Encoder.build(manager, config, config.nz()));
	}

	public Output forward(Forward pass, NDArray x) {
		NDArray z = encoder1.forward(pass, x);
		NDArray reconstruction = decoder.forward(pass, z);
		NDArray zHat = encoder2.forward(pass, reconstruction);
		return new Output(reconstruction, z, zHat);
	}
}
