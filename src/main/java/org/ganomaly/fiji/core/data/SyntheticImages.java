package org.ganomaly.fiji.core.data;

import java.util.SplittableRandom;

/**
 * Seeded synthetic grey images (intensities 0–255) for the demo and the tests: "normal" images show a few
 * soft round blobs, like cells or pores; anomalies are either a different structure altogether (stripes) or a
 * normal image with a defect (a bright straight scratch).
 */
public final class SyntheticImages {

	public enum Kind {
		/** Normal: 1–3 Gaussian blobs on a dark, slightly noisy background. */
		BLOBS,
		/** Anomaly of another structure: an oriented grating. */
		STRIPES,
		/** Anomaly by a defect: blobs crossed by a thin bright scratch. */
		SCRATCHED
	}

	private final int size;
	private final SplittableRandom random;

	public SyntheticImages(int size, long seed) {
		this.size = size;
		this.random = new SplittableRandom(seed);
	}

	/** The next image of that kind, row-major size×size, values in [0, 255]. */
	public float[] next(Kind kind) {
		float[] image = background();
		switch (kind) {
			case BLOBS -> blobs(image);
			case STRIPES -> stripes(image);
			case SCRATCHED -> {
				blobs(image);
				scratch(image);
			}
		}
		for (int i = 0; i < image.length; i++) image[i] = Math.max(0, Math.min(255, image[i]));
		return image;
	}

	/** {@code count} images of a kind as network samples (via {@link IntensityRange#BYTE}). */
	public InMemorySampleSet sampleSet(Kind kind, int count) {
		InMemorySampleSet set = new InMemorySampleSet(new ImageShape(1, size), count);
		for (int i = 0; i < count; i++) {
			float[] image = next(kind);
			for (int p = 0; p < image.length; p++) image[p] = IntensityRange.BYTE.toNetwork(image[p]);
			set.add(image);
		}
		return set;
	}

	private float[] background() {
		float[] image = new float[size * size];
		for (int i = 0; i < image.length; i++) image[i] = 20 + 6 * (float) gaussian();
		return image;
	}

	private void blobs(float[] image) {
		int count = 1 + random.nextInt(3);
		for (int b = 0; b < count; b++) {
			double cx = size * (0.2 + 0.6 * random.nextDouble());
			double cy = size * (0.2 + 0.6 * random.nextDouble());
			double sigma = size * (0.06 + 0.06 * random.nextDouble());
			double peak = 150 + 80 * random.nextDouble();
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
					image[y * size + x] += (float) (peak * Math.exp(-d2 / (2 * sigma * sigma)));
				}
		}
	}

	private void stripes(float[] image) {
		double angle = Math.PI * random.nextDouble();
		double period = size * (0.15 + 0.15 * random.nextDouble());
		double phase = 2 * Math.PI * random.nextDouble();
		double c = Math.cos(angle), s = Math.sin(angle);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				image[y * size + x] += (float) (90 * (1 + Math.sin(2 * Math.PI * (x * c + y * s) / period + phase)));
	}

	private void scratch(float[] image) {
		double angle = Math.PI * random.nextDouble();
		double c = Math.cos(angle), s = Math.sin(angle);
		double cx = size * (0.3 + 0.4 * random.nextDouble()), cy = size * (0.3 + 0.4 * random.nextDouble());
		double halfWidth = Math.max(0.6, size / 40.0);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double distance = Math.abs(-(x - cx) * s + (y - cy) * c);
				if (distance < halfWidth + 1)
					image[y * size + x] =
							Math.max(image[y * size + x], (float) (230 * Math.min(1, halfWidth + 1 - distance)));
			}
	}

	private double gaussian() {
		double u1 = 1.0 - random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
	}
}
