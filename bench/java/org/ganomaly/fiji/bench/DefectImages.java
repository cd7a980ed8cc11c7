package org.ganomaly.fiji.bench;

import java.util.SplittableRandom;

/**
 * A seeded data set with known defect masks for the pixel-level benchmark: 64×64 grey images of a woven texture
 * (two crossed gratings with a random phase and a slight tilt, a smooth illumination gradient and sensor noise),
 * and copies with one synthetic defect each, of three kinds and several sizes: a scratch (a bright or dark line 1 to
 * 3 px wide), a spot (a bright or dark disc of radius 2 to 7 px) and a missing piece (a rectangle where the weave is
 * gone, showing the mean grey, 4 to 16 px a side). Pixels are in network units, [-1, 1].
 */
final class DefectImages {

	enum Kind {
		SCRATCH,
		SPOT,
		MISSING
	}

	/** One image: its pixels and its ground truth (true where the defect is; all false for a normal image). */
	record Image(float[] pixels, boolean[] mask, Kind kind) {}

	static final int SIZE = 64;

	private DefectImages() {}

	static Image normal(SplittableRandom random) {
		return new Image(texture(random), new boolean[SIZE * SIZE], null);
	}

	static Image defective(SplittableRandom random, Kind kind) {
		float[] pixels = texture(random);
		boolean[] mask = new boolean[SIZE * SIZE];
		switch (kind) {
			case SCRATCH -> scratch(random, pixels, mask);
			case SPOT -> spot(random, pixels, mask);
			case MISSING -> missing(random, pixels, mask);
		}
		return new Image(pixels, mask, kind);
	}

	private static float[] texture(SplittableRandom random) {
		double period = 7 + random.nextDouble(); // px
		double tilt = (random.nextDouble() - 0.5) * 0.2; // radians
		double phaseX = random.nextDouble() * 2 * Math.PI, phaseY = random.nextDouble() * 2 * Math.PI;
		double gx = (random.nextDouble() - 0.5) * 0.3, gy = (random.nextDouble() - 0.5) * 0.3;
		float[] pixels = new float[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++) {
				double u = x * Math.cos(tilt) + y * Math.sin(tilt), v = -x * Math.sin(tilt) + y * Math.cos(tilt);
				double weave = 0.25 * Math.sin(2 * Math.PI * u / period + phaseX)
						+ 0.25 * Math.sin(2 * Math.PI * v / period + phaseY);
				double light = gx * (x / (double) SIZE - 0.5) + gy * (y / (double) SIZE - 0.5);
				pixels[y * SIZE + x] = clip(weave + light + 0.05 * random.nextGaussian());
			}
		return pixels;
	}

	private static void scratch(SplittableRandom random, float[] pixels, boolean[] mask) {
		double angle = random.nextDouble() * Math.PI;
		double cx = 16 + random.nextDouble() * 32, cy = 16 + random.nextDouble() * 32;
		double length = 15 + random.nextDouble() * 30, halfWidth = 0.5 + random.nextInt(3) * 0.5;
		float value = random.nextBoolean() ? 0.9f : -0.9f;
		double dx = Math.cos(angle), dy = Math.sin(angle);
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++) {
				double along = (x - cx) * dx + (y - cy) * dy, across = -(x - cx) * dy + (y - cy) * dx;
				if (Math.abs(along) <= length / 2 && Math.abs(across) <= halfWidth) mark(pixels, mask, x, y, value);
			}
	}

	private static void spot(SplittableRandom random, float[] pixels, boolean[] mask) {
		double radius = 2 + random.nextDouble() * 5;
		double cx = 8 + random.nextDouble() * 48, cy = 8 + random.nextDouble() * 48;
		float value = random.nextBoolean() ? 0.8f : -0.8f;
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) mark(pixels, mask, x, y, value);
	}

	private static void missing(SplittableRandom random, float[] pixels, boolean[] mask) {
		int w = 4 + random.nextInt(13), h = 4 + random.nextInt(13);
		int x0 = random.nextInt(SIZE - w), y0 = random.nextInt(SIZE - h);
		for (int y = y0; y < y0 + h; y++)
			for (int x = x0; x < x0 + w; x++)
				mark(pixels, mask, x, y, clip(pixels[y * SIZE + x] * 0.1 + 0.02 * random.nextGaussian()));
	}

	private static void mark(float[] pixels, boolean[] mask, int x, int y, float value) {
		pixels[y * SIZE + x] = value;
		mask[y * SIZE + x] = true;
	}

	private static float clip(double v) {
		return (float) Math.max(-1, Math.min(1, v));
	}
}
