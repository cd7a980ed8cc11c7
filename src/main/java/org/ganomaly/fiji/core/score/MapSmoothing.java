package org.ganomaly.fiji.core.score;

/**
 * Gaussian smoothing of anomaly maps, as MVTec AD's baselines and anomalib smooth theirs: |x − x̂| is noisy from
 * pixel to pixel, and a defect is a patch, not a pixel. A model stores its σ with its pixel calibration, so the
 * calibration describes maps smoothed exactly as the maps it is applied to. Separable; edges are mirrored (the
 * pixel outside the edge takes the value of the one inside, as scipy's "reflect").
 *
 * @param sigma the Gaussian's standard deviation in network pixels; 0 leaves maps as they are
 */
public record MapSmoothing(double sigma) {

	public static final MapSmoothing NONE = new MapSmoothing(0);

	/** σ above this blurs a 32-pixel map into one blob; it is a typing error more than a choice. */
	public static final double MAX_SIGMA = 8;

	public MapSmoothing {
		if (!(sigma >= 0 && sigma <= MAX_SIGMA))
			throw new IllegalArgumentException("The anomaly-map smoothing σ must lie between 0 (none) and " + MAX_SIGMA
					+ " pixels, not " + sigma + ".");
	}

	public boolean isNone() {
		return sigma == 0;
	}

	/** The map smoothed, as a new array; {@code map} itself when σ is 0. */
	public float[] apply(float[] map, int width) {
		if (isNone()) return map;
		int height = map.length / width;
		float[] kernel = kernel();
		float[] rows = new float[map.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) rows[y * width + x] = convolve(map, y * width, 1, width, x, kernel);
		float[] out = new float[map.length];
		for (int x = 0; x < width; x++)
			for (int y = 0; y < height; y++) out[y * width + x] = convolve(rows, x, width, height, y, kernel);
		return out;
	}

	/** The normalised weights from −r to r, r = ⌈3σ⌉. */
	private float[] kernel() {
		int radius = (int) Math.ceil(3 * sigma);
		double[] weights = new double[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++) sum += weights[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
		float[] kernel = new float[weights.length];
		for (int i = 0; i < weights.length; i++) kernel[i] = (float) (weights[i] / sum);
		return kernel;
	}

	/** The kernel applied at position {@code at} of the line of {@code length} values from {@code first} by step. */
	private static float convolve(float[] values, int first, int step, int length, int at, float[] kernel) {
		int radius = kernel.length / 2;
		double sum = 0;
		for (int k = -radius; k <= radius; k++)
			sum += kernel[k + radius] * values[first + step * mirrored(at + k, length)];
		return (float) sum;
	}

	/** The index inside [0, length) that mirroring at the edges gives (−1 → 0, length → length − 1). */
	static int mirrored(int i, int length) {
		int period = 2 * length;
		int m = Math.floorMod(i, period);
		return m < length ? m : period - 1 - m;
	}
}
