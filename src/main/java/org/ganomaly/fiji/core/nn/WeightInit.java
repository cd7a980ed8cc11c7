package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * The reference weights_init: convolution weights N(0, 0.02), BatchNorm γ N(1, 0.02), β 0. Values are drawn
 * in Java from a seeded generator, so the same seed gives the same network on every device.
 */
public final class WeightInit {

	private static final double STD = 0.02;

	private final SplittableRandom random;

	public WeightInit(long seed) {
		this.random = new SplittableRandom(seed);
	}

	public void normal(NDArray target, double mean) {
		float[] values = new float[Math.toIntExact(target.size())];
		for (int i = 0; i < values.length; i++) values[i] = (float) (mean + STD * gaussian());
		target.set(values);
	}

	public void constant(NDArray target, float value) {
		float[] values = new float[Math.toIntExact(target.size())];
		java.util.Arrays.fill(values, value);
		target.set(values);
	}

	/** Standard normal by Box–Muller, fixed across JDK versions (unlike Random.nextGaussian's callers). */
	private double gaussian() {
		double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
		double u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}
}
