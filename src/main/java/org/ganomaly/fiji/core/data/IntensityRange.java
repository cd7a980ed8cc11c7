package org.ganomaly.fiji.core.data;

/**
 * The linear map between image intensities and the network's range [-1, 1] (the decoder ends in Tanh):
 * {@code min} maps to -1 and {@code max} to +1. Values outside the range are not clipped, so an unusually
 * bright or dark defect stays visible to the network as a large reconstruction error.
 */
public record IntensityRange(double min, double max) {

	/** The range of 8-bit and RGB images. */
	public static final IntensityRange BYTE = new IntensityRange(0, 255);

	public IntensityRange {
		if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min))
			throw new IllegalArgumentException(
					"Intensity range needs finite min < max, not [" + min + ", " + max + "].");
	}

	public float toNetwork(double value) {
		return (float) (2 * (value - min) / (max - min) - 1);
	}

	public double fromNetwork(float value) {
		return min + (value + 1) * 0.5 * (max - min);
	}

	/** Scale of a difference measured in network units, back in intensity units. */
	public double networkToIntensityScale() {
		return 0.5 * (max - min);
	}
}
