package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.SplittableRandom;
import org.junit.Test;

/** The reference the kernels are judged by: hand-computed cases, and gradients that are the forward's adjoint. */
public class ReferenceConvolutionTest {

	private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	private static final float[] TAPS = {1, 2, 3, 4};

	@Test
	public void aTwoByTwoKernelOverAThreeByThreeImage() {
		ReferenceConvolution conv = new ReferenceConvolution(new ConvolutionSpec(1, 1, 3, 3, 1, 2, 1, 0));
		// y[i, j] = x[i, j]·1 + x[i, j+1]·2 + x[i+1, j]·3 + x[i+1, j+1]·4
		assertArrayEquals(new double[] {37, 47, 67, 77}, conv.forward(ONE_TO_NINE, TAPS), 0);
		float[] ones = {1, 1, 1, 1};
		// Each input pixel collects the taps that read it; each tap sums the pixels it read.
		assertArrayEquals(new double[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, conv.inputGradient(TAPS, ones), 0);
		assertArrayEquals(new double[] {12, 16, 24, 28}, conv.weightGradient(ONE_TO_NINE, ones), 0);
	}

	@Test
	public void strideAndPaddingSkipAndZeroFill() {
		// Stride 2, padding 1: outputs at (−1, −1), (−1, 1), (1, −1), (1, 1) of the kernel's corner.
		ReferenceConvolution conv = new ReferenceConvolution(new ConvolutionSpec(1, 1, 3, 3, 1, 2, 2, 1));
		// y[0,0] = x[0,0]·4; y[0,1] = x[0,1]·3 + x[0,2]·4; y[1,0] = x[1,0]·2 + x[2,0]·4;
		// y[1,1] = x[1,1]·1 + x[1,2]·2 + x[2,1]·3 + x[2,2]·4
		assertArrayEquals(
				new double[] {4, 2 * 3 + 3 * 4, 4 * 2 + 7 * 4, 5 + 12 + 24 + 36}, conv.forward(ONE_TO_NINE, TAPS), 0);
	}

	@Test
	public void channelsAndFiltersAreSummedAndKeptApart() {
		// Two input channels (x and 10·x), two filters (the taps, and the taps negated on channel 2).
		ConvolutionSpec spec = new ConvolutionSpec(1, 2, 3, 3, 2, 2, 1, 0);
		float[] x = new float[18];
		for (int i = 0; i < 9; i++) {
			x[i] = ONE_TO_NINE[i];
			x[9 + i] = 10 * ONE_TO_NINE[i];
		}
		float[] w = new float[16];
		for (int k = 0; k < 4; k++) {
			w[k] = TAPS[k]; // filter 0, channel 0
			w[4 + k] = TAPS[k]; // filter 0, channel 1
			w[8 + k] = TAPS[k]; // filter 1, channel 0
			w[12 + k] = -TAPS[k]; // filter 1, channel 1
		}
		double[] y = new ReferenceConvolution(spec).forward(x, w);
		assertArrayEquals(new double[] {11 * 37, 11 * 47, 11 * 67, 11 * 77, -9 * 37, -9 * 47, -9 * 67, -9 * 77}, y, 0);
	}

	/**
	 * f(x, w) = Σ y·g is bilinear, so Σ forward(δ, w)·g = Σ dx·δ and Σ forward(x, δ)·g = Σ dw·δ exactly: the
	 * gradients are checked against the (hand-checked) forward on GANomaly's kinds of layer.
	 */
	@Test
	public void gradientsAreTheAdjointsOfTheForwardPass() {
		ConvolutionSpec[] specs = {
			new ConvolutionSpec(2, 3, 8, 8, 5, 4, 2, 1),
			new ConvolutionSpec(3, 4, 4, 4, 6, 4, 1, 0),
			new ConvolutionSpec(2, 3, 5, 6, 2, 3, 1, 1),
			new ConvolutionSpec(2, 5, 5, 5, 3, 2, 1, 0),
			new ConvolutionSpec(1, 2, 7, 5, 3, 4, 2, 1)
		};
		SplittableRandom random = new SplittableRandom(7);
		for (ConvolutionSpec s : specs) {
			ReferenceConvolution conv = new ReferenceConvolution(s);
			float[] x = random(random, s.batch() * s.in() * s.height() * s.width());
			float[] w = random(random, s.out() * s.in() * s.kernel() * s.kernel());
			float[] g = random(random, s.batch() * s.out() * s.outHeight() * s.outWidth());
			float[] dxDirection = random(random, x.length), dwDirection = random(random, w.length);
			assertEquals(
					s + ": input gradient",
					dot(conv.forward(dxDirection, w), g),
					dot(conv.inputGradient(w, g), dxDirection),
					1e-9);
			assertEquals(
					s + ": weight gradient",
					dot(conv.forward(x, dwDirection), g),
					dot(conv.weightGradient(x, g), dwDirection),
					1e-9);
		}
	}

	private static float[] random(SplittableRandom random, int n) {
		float[] out = new float[n];
		for (int i = 0; i < n; i++)
			out[i] = (float) random.nextInt(-4, 5); // small integers: every product and sum is exact in double
		return out;
	}

	private static double dot(double[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) s += a[i] * b[i];
		return s;
	}
}
