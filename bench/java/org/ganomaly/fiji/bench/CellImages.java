package org.ganomaly.fiji.bench;

import java.util.SplittableRandom;

/**
 * A second seeded data set with known defect masks, unlike {@link DefectImages}' woven texture: 64×64 grey images of
 * 4 to 7 cells on a dark, unevenly lit background with noise, each cell a bright ellipse (random size, elongation,
 * angle and brightness) with a darker nucleus. Defective copies have one defect each, of three kinds: an inclusion
 * (a small very bright or very dark disc inside a cell, radius 1.5 to 3 px), a missing part (a cell cut by a
 * straight line, the part beyond it gone to background) and a foreign object (a thin straight fibre or a small
 * square particle, very bright or of a grey between background and nucleus, on the background or across cells). The mask is true where the image
 * differs from the normal image it was made from. Pixels are in network units, [-1, 1].
 */
final class CellImages {

	enum Kind {
		INCLUSION,
		MISSING,
		FOREIGN
	}

	/** One image: its pixels and its ground truth (true where the defect is; all false for a normal image). */
	record Image(float[] pixels, boolean[] mask, Kind kind) {}

	static final int SIZE = 64;

	private record Cell(
			double cx, double cy, double a, double b, double angle, double brightness, double nx, double ny) {

		/** The cell's grey at (x, y), or NaN outside it; the nucleus is an ellipse of half the size, off centre. */
		double value(double x, double y) {
			double c = Math.cos(angle), s = Math.sin(angle);
			double u = (x - cx) * c + (y - cy) * s, v = -(x - cx) * s + (y - cy) * c;
			double r = (u / a) * (u / a) + (v / b) * (v / b);
			if (r > 1) return Double.NaN;
			double un = u - nx, vn = v - ny;
			boolean nucleus = (un / (0.45 * a)) * (un / (0.45 * a)) + (vn / (0.45 * b)) * (vn / (0.45 * b)) <= 1;
			// brighter towards the membrane, as stained cytoplasm looks
			return nucleus ? brightness - 0.45 : brightness - 0.15 * (1 - r);
		}
	}

	private CellImages() {}

	static Image normal(SplittableRandom random) {
		Scene scene = scene(random);
		return new Image(scene.render(null, random), new boolean[SIZE * SIZE], null);
	}

	static Image defective(SplittableRandom random, Kind kind) {
		Scene scene = scene(random);
		long noiseSeed = random.nextLong();
		float[] clean = scene.render(null, new SplittableRandom(noiseSeed));
		Overlay defect = switch (kind) {
			case INCLUSION -> inclusion(random, scene);
			case MISSING -> missing(random, scene);
			case FOREIGN -> foreign(random);
		};
		float[] pixels = scene.render(defect, new SplittableRandom(noiseSeed));
		boolean[] mask = new boolean[SIZE * SIZE];
		for (int p = 0; p < mask.length; p++) mask[p] = Math.abs(pixels[p] - clean[p]) > 0.15;
		return new Image(pixels, mask, kind);
	}

	/** Something drawn over or into the scene: the grey at (x, y), NaN where it leaves the scene as it is. */
	private interface Overlay {
		double value(double x, double y, double scene, double background);
	}

	private record Scene(Cell[] cells, double gx, double gy, double level) {

		float[] render(Overlay overlay, SplittableRandom noise) {
			float[] pixels = new float[SIZE * SIZE];
			for (int y = 0; y < SIZE; y++)
				for (int x = 0; x < SIZE; x++) {
					double background = level + gx * (x / (double) SIZE - 0.5) + gy * (y / (double) SIZE - 0.5);
					double v = background;
					for (Cell cell : cells) {
						double c = cell.value(x, y);
						if (!Double.isNaN(c)) v = c;
					}
					if (overlay != null) {
						double o = overlay.value(x, y, v, background);
						if (!Double.isNaN(o)) v = o;
					}
					pixels[y * SIZE + x] = (float) Math.max(-1, Math.min(1, v + 0.04 * noise.nextGaussian()));
				}
			return pixels;
		}
	}

	private static Scene scene(SplittableRandom random) {
		int count = 4 + random.nextInt(4);
		Cell[] cells = new Cell[count];
		for (int i = 0; i < count; i++) {
			double a = 6 + random.nextDouble() * 4, b = a * (0.6 + random.nextDouble() * 0.4);
			double cx = 0, cy = 0;
			for (int attempt = 0; attempt < 20; attempt++) { // little overlap, as cells in a monolayer
				cx = a + random.nextDouble() * (SIZE - 2 * a);
				cy = a + random.nextDouble() * (SIZE - 2 * a);
				boolean free = true;
				for (int j = 0; j < i; j++)
					if (Math.hypot(cx - cells[j].cx(), cy - cells[j].cy()) < 0.9 * (a + cells[j].a())) free = false;
				if (free) break;
			}
			double angle = random.nextDouble() * Math.PI;
			double nx = (random.nextDouble() - 0.5) * 0.4 * a, ny = (random.nextDouble() - 0.5) * 0.4 * b;
			cells[i] = new Cell(cx, cy, a, b, angle, 0.25 + random.nextDouble() * 0.3, nx, ny);
		}
		double gx = (random.nextDouble() - 0.5) * 0.3, gy = (random.nextDouble() - 0.5) * 0.3;
		return new Scene(cells, gx, gy, -0.7 + random.nextDouble() * 0.1);
	}

	private static Overlay inclusion(SplittableRandom random, Scene scene) {
		Cell cell = scene.cells()[random.nextInt(scene.cells().length)];
		double radius = 1.5 + random.nextDouble() * 1.5;
		double angle = random.nextDouble() * 2 * Math.PI, along = random.nextDouble() * 0.5;
		double x0 = cell.cx() + Math.cos(angle) * along * cell.a(), y0 = cell.cy() + Math.sin(angle) * along * cell.b();
		double value = random.nextBoolean() ? 0.95 : -0.95;
		return (x, y, v, background) ->
				(x - x0) * (x - x0) + (y - y0) * (y - y0) <= radius * radius ? value : Double.NaN;
	}

	private static Overlay missing(SplittableRandom random, Scene scene) {
		Cell cell = scene.cells()[random.nextInt(scene.cells().length)];
		double angle = random.nextDouble() * 2 * Math.PI, offset = (random.nextDouble() - 0.3) * 0.6 * cell.b();
		double dx = Math.cos(angle), dy = Math.sin(angle);
		return (x, y, v, background) ->
				!Double.isNaN(cell.value(x, y)) && (x - cell.cx()) * dx + (y - cell.cy()) * dy > offset
						? background
						: Double.NaN;
	}

	private static Overlay foreign(SplittableRandom random) {
		double x0 = 10 + random.nextDouble() * 44, y0 = 10 + random.nextDouble() * 44;
		double value = random.nextBoolean() ? 0.9 : -0.35;
		if (random.nextBoolean()) { // a fibre
			double angle = random.nextDouble() * Math.PI, length = 12 + random.nextDouble() * 20;
			double dx = Math.cos(angle), dy = Math.sin(angle);
			return (x, y, v, background) -> {
				double along = (x - x0) * dx + (y - y0) * dy, across = -(x - x0) * dy + (y - y0) * dx;
				return Math.abs(along) <= length / 2 && Math.abs(across) <= 0.7 ? value : Double.NaN;
			};
		}
		double half = 1.5 + random.nextDouble() * 2.5; // a particle
		return (x, y, v, background) -> Math.abs(x - x0) <= half && Math.abs(y - y0) <= half ? value : Double.NaN;
	}
}
