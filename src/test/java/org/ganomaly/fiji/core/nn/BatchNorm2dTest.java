package org.ganomaly.fiji.core.nn;

import static org.junit.Assert.assertTrue;

import java.util.SplittableRandom;
import org.ganomaly.fiji.core.engine.Engines;
import org.junit.Test;

/**
 * BatchNorm2d in training mode (batch statistics) against its definition in double precision
 * ({@link BatchNormReference}): output, running statistics and the gradients to input, γ and β, on the channel
 * counts and sizes of the nf-8 and nf-12 networks.
 */
public class BatchNorm2dTest {

	private static final double TOLERANCE = 1e-5;

	@Test
	public void trainingPassMatchesTheDefinition() {
		int[][] shapes = {{8, 16, 4, 4}, {16, 16, 4, 4}, {8, 24, 8, 8}, {16, 12, 8, 8}, {8, 48, 4, 4}, {16, 8, 8, 8}};
		for (int[] s : shapes) check(s[0], s[1], s[2], s[3]);
	}

	private static void check(int n, int c, int h, int w) {
		Engines.noGradOnThisThread();
		SplittableRandom random = new SplittableRandom(n * 100 + c);
		float[] x = uniform(random, n * c * h * w, 3), g = uniform(random, n * c * h * w, 1);
		float[] gamma = uniform(random, c, 1), beta = uniform(random, c, 1);
		float[][] actual = BatchNormReference.onLibtorch(n, c, h, w, x, g, gamma, beta);
		BatchNormReference ref = new BatchNormReference(x, g, gamma, beta, n, c, h * w);
		String what = n + "×" + c + "×" + h + "×" + w;
		double[][] expected = {ref.y, ref.dx, ref.dGamma, ref.dBeta, ref.runningMean, ref.runningVar};
		String[] names = {"output", "input gradient", "γ gradient", "β gradient", "running mean", "running variance"};
		for (int i = 0; i < names.length; i++) assertClose(what + " " + names[i], expected[i], actual[i]);
	}

	private static void assertClose(String what, double[] expected, float[] actual) {
		double worst = 0, scale = Double.MIN_NORMAL;
		for (int i = 0; i < expected.length; i++) {
			scale = Math.max(scale, Math.abs(expected[i]));
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
			assertTrue(what + " is finite", Float.isFinite(actual[i]));
		}
		assertTrue(what + ": off by " + worst + " (largest value " + scale + ")", worst <= TOLERANCE * scale);
	}

	private static float[] uniform(SplittableRandom random, int n, double scale) {
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = (float) random.nextDouble(-scale, scale);
		return out;
	}
}
