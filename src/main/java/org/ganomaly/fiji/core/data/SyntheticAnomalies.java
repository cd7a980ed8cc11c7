package org.ganomaly.fiji.core.data;

import java.util.SplittableRandom;

/**
 * Turns normal samples into made-up anomalies, so that training can judge its epochs on normal images alone:
 * how well the model tells validation normals from damaged copies of themselves (a "proxy AUC") says something
 * about how it will treat real defects, without ever seeing one. Each copy gets one of four damages: a patch
 * cut and pasted elsewhere, a patch with inverted intensities, a rotation by 90°, or a bright line.
 */
public final class SyntheticAnomalies {

	private SyntheticAnomalies() {}

	/** A damaged copy of every sample of {@code normals}, seeded. */
	public static InMemorySampleSet of(SampleSet normals, long seed) {
		ImageShape shape = normals.shape();
		SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
		InMemorySampleSet out = new InMemorySampleSet(shape, normals.size());
		float[] sample = new float[shape.sampleLength()];
		for (int i = 0; i < normals.size(); i++) {
			normals.copyTo(i, sample, 0);
			out.add(damage(sample, shape, random, i % 4));
		}
		return out;
	}

	private static float[] damage(float[] x, ImageShape shape, SplittableRandom random, int kind) {
		int s = shape.size(), plane = s * s;
		float[] y = x.clone();
		int side = Math.max(2, (int) Math.round(s * (0.25 + 0.15 * random.nextDouble())));
		int sx = random.nextInt(s - side + 1), sy = random.nextInt(s - side + 1);
		int dx = random.nextInt(s - side + 1), dy = random.nextInt(s - side + 1);
		boolean horizontal = random.nextBoolean();
		for (int c = 0; c < shape.channels(); c++) {
			int o = c * plane;
			switch (kind) {
				case 0 -> { // cut and paste a patch
					for (int v = 0; v < side; v++)
						for (int u = 0; u < side; u++) y[o + (dy + v) * s + dx + u] = x[o + (sy + v) * s + sx + u];
				}
				case 1 -> { // invert a patch
					for (int v = 0; v < side; v++)
						for (int u = 0; u < side; u++) y[o + (sy + v) * s + sx + u] = -x[o + (sy + v) * s + sx + u];
				}
				case 2 -> { // rotate by 90°
					for (int v = 0; v < s; v++)
						for (int u = 0; u < s; u++) y[o + v * s + u] = x[o + u * s + (s - 1 - v)];
				}
				default -> { // a bright line across the image
					for (int t = 0; t < s; t++) y[o + (horizontal ? sy * s + t : t * s + sy)] = 1f;
				}
			}
		}
		return y;
	}
}
