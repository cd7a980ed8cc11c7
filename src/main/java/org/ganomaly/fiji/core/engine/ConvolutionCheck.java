package org.ganomaly.fiji.core.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs one float32 convolution on libtorch, forward and both gradients (to the input and to the weight), and
 * compares each with a reference. Gradients are taken with this thread's autograd directly, not through a
 * GradientCollector, of which DJL allows one per JVM: a check may run while a training goes on elsewhere.
 */
public final class ConvolutionCheck {

	/** What the float32 results are compared with. */
	public enum Reference {
		/** The definition, summed in double precision in Java ({@link ReferenceConvolution}): shares no code. */
		DEFINITION,
		/**
		 * libtorch's own float64 convolution on the CPU: ATen's kernels (oneDNN has none for float64), fast
		 * enough for every shape of a large network.
		 */
		FLOAT64
	}

	/**
	 * Largest accepted difference of a float32 convolution, relative to the largest reference value. float32
	 * sums of a few thousand terms stay below 1e-5 of it; the faulty kernels seen were off by 7e-3 to 1 or gave
	 * NaN.
	 */
	public static final double FLOAT32_TOLERANCE = 1e-4;

	/**
	 * The same for a GPU that multiplies in TF32 (10 mantissa bits, unit roundoff 2^-11 ≈ 4.9e-4): its sums
	 * differ from float64 by around 1e-3 of the largest value, so ten times the roundoff is accepted.
	 */
	public static final double TF32_TOLERANCE = 5e-3;

	/** What was computed wrongly, by how much (relative to the largest reference value; NaN if not finite). */
	public record Mismatch(ConvolutionSpec spec, String quantity, double error) {

		@Override
		public String toString() {
			String size = Double.isNaN(error)
					? "non-finite values"
					: String.format(Locale.ROOT, "off by up to %.3g of its largest value", error);
			return quantity + " of the convolution " + spec + ": " + size;
		}
	}

	private ConvolutionCheck() {}

	/**
	 * How far libtorch's results are from the reference, each relative to the largest reference value of its
	 * quantity; NaN where a result is not finite.
	 */
	public record Errors(ConvolutionSpec spec, double forward, double inputGradient, double weightGradient) {

		/** The first quantity off by more than {@code tolerance} (or not finite), if any. */
		public Optional<Mismatch> mismatch(double tolerance) {
			double[] errors = {forward, inputGradient, weightGradient};
			String[] names = {"forward", "input gradient", "weight gradient"};
			for (int i = 0; i < errors.length; i++)
				if (!(errors[i] <= tolerance)) return Optional.of(new Mismatch(spec, names[i], errors[i]));
			return Optional.empty();
		}

		/** The largest of the three errors (NaN if any is). */
		public double worst() {
			return Math.max(forward, Math.max(inputGradient, weightGradient));
		}
	}

	/**
	 * The first result of the float32 convolution on {@code device} off by more than
	 * {@link #FLOAT32_TOLERANCE}, if any; inputs are drawn from {@code seed}.
	 */
	public static Optional<Mismatch> run(ConvolutionSpec spec, Device device, long seed, Reference reference) {
		return measure(spec, device, seed, reference).mismatch(FLOAT32_TOLERANCE);
	}

	public static Errors measure(ConvolutionSpec spec, Device device, long seed, Reference reference) {
		return measure(spec, seed, reference, (x, w, g) -> onLibtorch(spec, device, DataType.FLOAT32, x, w, g));
	}

	/** A float32 convolution under test: its output and both gradients for input x, weight w, upstream g. */
	interface Kernels {
		Computed compute(float[] x, float[] w, float[] g);
	}

	static Optional<Mismatch> run(ConvolutionSpec spec, long seed, Reference reference, Kernels kernels) {
		return measure(spec, seed, reference, kernels).mismatch(FLOAT32_TOLERANCE);
	}

	private static Errors measure(ConvolutionSpec spec, long seed, Reference reference, Kernels kernels) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] x = uniform(random, spec.batch() * spec.in() * spec.height() * spec.width(), 1);
		float[] w = uniform(
				random,
				spec.out() * spec.in() * spec.kernel() * spec.kernel(),
				1 / Math.sqrt(spec.in() * spec.kernel() * spec.kernel()));
		float[] g = uniform(random, spec.batch() * spec.out() * spec.outHeight() * spec.outWidth(), 1);
		Computed actual = kernels.compute(x, w, g);
		Computed expected = reference == Reference.FLOAT64
				? onLibtorch(spec, Device.cpu(), DataType.FLOAT64, x, w, g)
				: byDefinition(spec, x, w, g);
		return new Errors(
				spec, error(expected.y, actual.y), error(expected.dx, actual.dx), error(expected.dw, actual.dw));
	}

	/** Output, input gradient and weight gradient of one convolution. */
	record Computed(double[] y, double[] dx, double[] dw) {}

	private static Computed byDefinition(ConvolutionSpec spec, float[] x, float[] w, float[] g) {
		ReferenceConvolution reference = new ReferenceConvolution(spec);
		return new Computed(reference.forward(x, w), reference.inputGradient(w, g), reference.weightGradient(x, g));
	}

	static Computed onLibtorch(ConvolutionSpec spec, Device device, DataType type, float[] x, float[] w, float[] g) {
		boolean gradMode = JniUtils.isGradMode();
		try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
			JniUtils.setGradMode(true);
			NDArray input = manager.create(x, new Shape(spec.batch(), spec.in(), spec.height(), spec.width()))
					.toType(type, false);
			NDArray weight = manager.create(w, new Shape(spec.out(), spec.in(), spec.kernel(), spec.kernel()))
					.toType(type, false);
			input.setRequiresGradient(true);
			weight.setRequiresGradient(true);
			NDArray y = Conv2d.conv2d(
							input,
							weight,
							null,
							new Shape(spec.stride(), spec.stride()),
							new Shape(spec.padding(), spec.padding()),
							new Shape(1, 1))
					.singletonOrThrow();
			NDArray upstream = manager.create(g, y.getShape()).toType(type, false);
			JniUtils.backward((PtNDArray) y, (PtNDArray) upstream, false, false);
			return new Computed(doubles(y), doubles(input.getGradient()), doubles(weight.getGradient()));
		} finally {
			JniUtils.setGradMode(gradMode);
		}
	}

	private static double[] doubles(NDArray array) {
		return array.toType(DataType.FLOAT64, false).toDoubleArray();
	}

	/** Largest difference relative to the largest expected value; NaN if a value is not finite or missing. */
	public static double error(double[] expected, double[] actual) {
		if (expected.length != actual.length) return Double.NaN;
		double scale = Double.MIN_NORMAL, worst = 0;
		for (double e : expected) scale = Math.max(scale, Math.abs(e));
		for (int i = 0; i < expected.length; i++) {
			if (!Double.isFinite(actual[i])) return Double.NaN;
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		}
		return worst / scale;
	}

	/** Values drawn uniformly from [−scale, scale). */
	private static float[] uniform(SplittableRandom random, int n, double scale) {
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = (float) (scale * random.nextDouble(-1, 1));
		return out;
	}
}
