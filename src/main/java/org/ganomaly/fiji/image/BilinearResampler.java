package org.ganomaly.fiji.image;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Bilinear resampling as PIL and torchvision's bilinear resize do it: a triangle filter on pixel centres. When
 * enlarging this is plain bilinear interpolation (borders repeat the edge pixel); when shrinking the triangle widens
 * by the scale factor, so every input pixel contributes and fine patterns do not alias. The two axes are scaled
 * independently, so an image whose aspect differs from the output is stretched, not cropped or padded.
 */
final class BilinearResampler {

	private BilinearResampler() {}

	/** Writes {@code plane} resampled to outWidth×outHeight into {@code out} from {@code offset}, row by row. */
	static void resize(
			RandomAccessibleInterval<? extends RealType<?>> plane,
			int outWidth,
			int outHeight,
			float[] out,
			int offset) {
		int width = (int) plane.dimension(0), height = (int) plane.dimension(1);
		Axis horizontal = Axis.of(width, outWidth), vertical = Axis.of(height, outHeight);

		// Pass 1: each input row resampled horizontally.
		float[] row = new float[width];
		float[] rows = new float[height * outWidth];
		for (int y = 0; y < height; y++) {
			PlaneReader.read(plane, 0, y, width, 1, row, 0);
			for (int ox = 0; ox < outWidth; ox++) rows[y * outWidth + ox] = (float) horizontal.apply(row, 0, 1, ox);
		}
		// Pass 2: each output column resampled vertically.
		for (int oy = 0; oy < outHeight; oy++)
			for (int ox = 0; ox < outWidth; ox++)
				out[offset + oy * outWidth + ox] = (float) vertical.apply(rows, ox, outWidth, oy);
	}

	/** Filter weights of one axis: output i is Σₖ weights[i][k] · input[first[i] + k]. */
	private record Axis(int[] first, double[][] weights) {

		static Axis of(int in, int out) {
			double scale = (double) in / out;
			double filterScale = Math.max(scale, 1); // widen the triangle only when shrinking
			int[] first = new int[out];
			double[][] weights = new double[out][];
			for (int i = 0; i < out; i++) {
				double center = (i + 0.5) * scale; // in input pixel units, where pixel k spans [k, k + 1)
				int lo = Math.max(0, (int) Math.floor(center - filterScale + 0.5));
				int hi = Math.min(in, (int) Math.floor(center + filterScale + 0.5));
				double[] w = new double[hi - lo];
				double sum = 0;
				for (int k = lo; k < hi; k++) {
					w[k - lo] = Math.max(0, 1 - Math.abs((k + 0.5 - center) / filterScale));
					sum += w[k - lo];
				}
				for (int k = 0; k < w.length; k++) w[k] /= sum;
				first[i] = lo;
				weights[i] = w;
			}
			return new Axis(first, weights);
		}

		/** Output {@code i} from input values {@code data[start + k·step]}. */
		double apply(float[] data, int start, int step, int i) {
			double[] w = weights[i];
			int at = start + first[i] * step;
			double sum = 0;
			for (int k = 0; k < w.length; k++, at += step) sum += w[k] * data[at];
			return sum;
		}
	}
}
