package org.ganomaly.fiji.core.nn;

import org.ganomaly.fiji.core.data.ImageShape;

/**
 * Architecture of a GANomaly model: image shape, latent size nz, base width nf (the reference's ngf = ndf)
 * and the number of extra 3×3 layers.
 */
public record NetworkConfig(ImageShape image, int nz, int nf, int extraLayers) {

	public static final int DEFAULT_NZ = 100;
	public static final int DEFAULT_NF = 64;

	public NetworkConfig {
		if (image == null) throw new IllegalArgumentException("Image shape is required.");
		if (nz < 1) throw new IllegalArgumentException("Latent size nz must be at least 1, not " + nz + ".");
		if (nf < 1) throw new IllegalArgumentException("Base width nf must be at least 1, not " + nf + ".");
		if (extraLayers < 0)
			throw new IllegalArgumentException("Extra layers cannot be negative (" + extraLayers + ").");
	}

	/** The reference defaults (nz 100, nf 64, no extra layers) for an image shape. */
	public static NetworkConfig defaults(ImageShape image) {
		return new NetworkConfig(image, DEFAULT_NZ, DEFAULT_NF, 0);
	}
}
