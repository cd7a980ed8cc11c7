package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.nn.Tensor;
import org.junit.Test;

/**
 * The fused Adam update against Adam written out in double precision (m, v with bias correction; DJL's
 * ε outside the corrected root: w −= lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε)), over several steps with fresh
 * gradients, on parameter sizes of the nf-8 and nf-12 networks. Gradients are zero after each step.
 */
public class AdamOptimizerTest {

	private static final double LR = 2e-4, BETA1 = 0.5, BETA2 = 0.999, EPS = 1e-8;

	@Test
	public void updatesMatchAdamWrittenOut() {
		for (int size : new int[] {8 * 1 * 16, 24 * 12 * 16, 100 * 48 * 16, 7}) check(size);
	}

	private static void check(int size) {
		Engines.noGradOnThisThread();
		SplittableRandom random = new SplittableRandom(size);
		double[] w = new double[size], m = new double[size], v = new double[size];
		for (int i = 0; i < size; i++) w[i] = random.nextDouble(-0.1, 0.1);
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NDArray weight = manager.create(floats(w), new Shape(size));
			weight.setRequiresGradient(true);
			try (AdamOptimizer adam = new AdamOptimizer(List.of(new Tensor("w", weight, true)), LR, BETA1, BETA2)) {
				for (int step = 1; step <= 4; step++) {
					float[] g = new float[size];
					for (int i = 0; i < size; i++)
						g[i] = (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 2)));
					try (GradientCollector collector =
							Engine.getEngine("PyTorch").newGradientCollector()) {
						collector.backward(
								weight.mul(manager.create(g, new Shape(size))).sum());
					}
					adam.step();
					double rate = LR * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
					for (int i = 0; i < size; i++) {
						m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
						v[i] = BETA2 * v[i] + (1 - BETA2) * (double) g[i] * g[i];
						w[i] -= rate * m[i] / (Math.sqrt(v[i]) + EPS);
					}
					float[] actual = weight.toFloatArray();
					for (int i = 0; i < size; i++)
						assertTrue(
								"size " + size + ", step " + step + ", weight " + i + ": " + actual[i] + " vs " + w[i],
								Math.abs(actual[i] - w[i]) <= 1e-6 * Math.max(1e-3, Math.abs(w[i])));
					float[] zero = weight.getGradient().toFloatArray();
					for (float z : zero) assertTrue("gradient zeroed after step " + step, z == 0);
				}
			}
		}
	}

	private static float[] floats(double[] values) {
		float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
		return out;
	}
}
