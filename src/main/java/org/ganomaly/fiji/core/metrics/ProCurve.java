package org.ganomaly.fiji.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-region overlap (PRO) curve of anomaly maps against ground-truth masks, as MVTec AD defines it: at each
 * threshold, PRO is the mean over all connected ground-truth regions (8-connected, over all images) of the share of
 * the region's pixels at or above the threshold, and the false positive rate is the share of all normal pixels at
 * or above it. AUPRO is the area under PRO over FPR from 0 to a limit (MVTec: 0.3), divided by the limit, so that 1
 * is perfect. Exact: every distinct map value is a threshold.
 */
public final class ProCurve {

	/** One point: the FPR and PRO when map values ≥ {@code threshold} are called anomalous. */
	public record Point(double fpr, double pro, double threshold) {}

	private final List<Point> points;
	private final int regions;

	private ProCurve(List<Point> points, int regions) {
		this.points = points;
		this.regions = regions;
	}

	/**
	 * @param maps the anomaly map of each image, row by row, {@code width × height} values; no NaN
	 * @param masks each image's ground truth of the same size (true: anomalous pixel)
	 */
	public static ProCurve of(List<float[]> maps, List<boolean[]> masks, int width, int height) {
		if (maps.size() != masks.size())
			throw new IllegalArgumentException(maps.size() + " maps but " + masks.size() + " masks.");
		int pixels = width * height;
		int total = maps.size() * pixels;
		float[] values = new float[total];
		int[] region = new int[total]; // 0: normal pixel; r > 0: pixel of region r
		List<Integer> sizes = new ArrayList<>();
		sizes.add(0);
		long normal = 0;
		for (int i = 0; i < maps.size(); i++) {
			float[] map = maps.get(i);
			boolean[] mask = masks.get(i);
			if (map.length != pixels || mask.length != pixels)
				throw new IllegalArgumentException("Image " + (i + 1) + " has a map of " + map.length
						+ " and a mask of " + mask.length + " pixels; both need " + width + "×" + height + ".");
			System.arraycopy(map, 0, values, i * pixels, pixels);
			normal += ConnectedRegions.label(mask, width, height, region, i * pixels, sizes);
		}
		for (float v : values) if (Float.isNaN(v)) throw new IllegalArgumentException("An anomaly map holds NaN.");
		int regions = sizes.size() - 1;
		if (regions == 0)
			throw new IllegalArgumentException("The masks hold no anomalous pixel, so there is no region to overlap.");
		if (normal == 0) throw new IllegalArgumentException("The masks leave no normal pixel, so there is no FPR.");

		// Pixels by decreasing value: one primitive sort of (value, index) packed in longs, read from the end.
		long[] order = new long[total];
		for (int i = 0; i < total; i++) order[i] = ((long) orderedBits(values[i]) << 32) | i;
		Arrays.sort(order);
		List<Point> points = new ArrayList<>();
		points.add(new Point(0, 0, Double.POSITIVE_INFINITY));
		long falsePositives = 0;
		double pro = 0;
		for (int k = total - 1; k >= 0; ) {
			float threshold = values[(int) order[k]];
			// Every pixel with this value goes in at once: a threshold cannot split them.
			for (; k >= 0 && values[(int) order[k]] == threshold; k--) {
				int r = region[(int) order[k]];
				if (r == 0) falsePositives++;
				else pro += 1.0 / sizes.get(r) / regions;
			}
			points.add(new Point((double) falsePositives / normal, Math.min(1, pro), threshold));
		}
		return new ProCurve(points, regions);
	}

	/** The bits of a float as an int that orders as the floats do (negative values included). */
	private static int orderedBits(float value) {
		int bits = Float.floatToIntBits(value == 0 ? 0f : value); // -0 and +0 are one threshold
		return bits ^ ((bits >> 31) & 0x7fffffff);
	}

	/** The curve's points, FPR rising from 0 to 1. */
	public List<Point> points() {
		return List.copyOf(points);
	}

	/** How many connected ground-truth regions the masks hold. */
	public int regions() {
		return regions;
	}

	/** The area under PRO over FPR from 0 to {@code maxFpr}, divided by {@code maxFpr} (trapezoids, interpolated). */
	public double aupro(double maxFpr) {
		if (!(maxFpr > 0 && maxFpr <= 1))
			throw new IllegalArgumentException("The FPR limit must lie in (0, 1], not " + maxFpr + ".");
		double area = 0;
		for (int i = 1; i < points.size(); i++) {
			Point a = points.get(i - 1), b = points.get(i);
			if (a.fpr() >= maxFpr) break;
			double right = Math.min(b.fpr(), maxFpr);
			double proRight = b.fpr() == a.fpr()
					? b.pro()
					: a.pro() + (b.pro() - a.pro()) * (right - a.fpr()) / (b.fpr() - a.fpr());
			area += (right - a.fpr()) * (a.pro() + proRight) / 2;
		}
		return area / maxFpr;
	}
}
