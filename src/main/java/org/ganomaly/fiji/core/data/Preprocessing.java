package org.ganomaly.fiji.core.data;

/**
 * How an image becomes network samples, as a model stores it so that scoring samples new images the way training
 * did: the network's input shape, how planes are fitted to it (resized, or cut into tiles every so many pixels) and
 * which intensities map to the network's [-1, 1].
 *
 * @param intensitySource how the intensity range was chosen, in words ("8-bit range 0-255", "given", ...)
 */
public record Preprocessing(ImageShape shape, Sampling sampling, IntensityRange intensity, String intensitySource) {

	/** How the range of 8-bit and RGB images is described. */
	public static final String BYTE_SOURCE = "8-bit range 0-255";

	public Preprocessing {
		if (shape == null || sampling == null || intensity == null)
			throw new IllegalArgumentException(
					"Preprocessing needs an image shape, a sampling and an intensity range.");
		if (intensitySource == null) intensitySource = "";
	}

	/** What 8-bit images resized to {@code shape} give (MNIST, the synthetic sets of the tests and benchmarks). */
	public static Preprocessing resizedBytes(ImageShape shape) {
		return new Preprocessing(shape, Sampling.resize(), IntensityRange.BYTE, BYTE_SOURCE);
	}
}
