package org.ganomaly.fiji.core.nn;

import static org.junit.Assert.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.ganomaly.fiji.core.engine.Engines;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BatchNorm2d in training mode (batch statistics) against its definition in double precision
 * ({@link BatchNormReference}): output, running statistics and the gradients to input, γ and β, on the channel
 * counts and sizes of the nf-8 and nf-12 networks.
 */
public class BatchNorm2dTest {

	private static final double TOLERANCE = 1e-5;

	@Test
	public void trainingPassMatchesTheDefinition() {
		int[][] shapes = { { 8, 16, 4, 4 }, { 16, 16, 4, 4 }, { 8, 24, 8, 8 }, { 16, 12, 8, 8 }, { 8, 48, 4, 4 },
			{ 16, 8, 8, 8 } };
		for (int[] s : shapes)
			check(s[0], s[1], s[2], s[3]);
	}

	private static void check(int n, int c, int h, int w) {
		Engines.noGradOnThisThread();
		SplittableRandom random = new SplittableRandom(n * 100 + c);
		float[] x = uniform(random, n * c * h * w, 3), g = uniform(random, n * c * h * w, 1);
		float[] gamma = uniform(random, c, 1), beta = uniform(random, c, 1);
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			BatchNorm2d layer = new BatchNorm2d(manager, c);
			List<Tensor> tensors = new ArrayList<>();
			layer.tensors("", tensors);
			tensors.get(0).array().set(gamma);
			tensors.get(1).array().set(beta);
			NDArray input = manager.create(x, new Shape(n, c, h, w));
			input.setRequiresGradient(true);
			float[] y;
			try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
				NDArray out = layer.forward(Forward.training(manager), input);
				y = out.toFloatArray();
				collector.backward(out.mul(manager.create(g, out.getShape())).sum());
			}
			BatchNormReference ref = new BatchNormReference(x, g, gamma, beta, n, c, h * w);
			String what = n + "×" + c + "×" + h + "×" + w;
			assertClose(what + " output", ref.y, y);
			assertClose(what + " input gradient", ref.dx, input.getGradient().toFloatArray());
			assertClose(what + " γ gradient", ref.dGamma, tensors.get(0).array().getGradient().toFloatArray());
			assertClose(what + " β gradient", ref.dBeta, tensors.get(1).array().getGradient().toFloatArray());
			assertClose(what + " running mean", ref.runningMean, tensors.get(2).array().toFloatArray());
			assertClose(what + " running variance", ref.runningVar, tensors.get(3).array().toFloatArray());
		}
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
		for (int i = 0; i < n; i++)
			out[i] = (float) random.nextDouble(-scale, scale);
		return out;
	}
}
