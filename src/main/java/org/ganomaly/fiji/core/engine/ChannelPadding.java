package org.ganomaly.fiji.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Locale;

/**
 * Zero channels added around a convolution so that oneDNN only meets channel counts it computes correctly: the
 * filters are padded with zero filters to a multiple of {@code outMultiple} (their extra outputs are dropped), and
 * inputs of more than {@code smallInputs} channels with zero channels (and zero weights) to a multiple of
 * {@code inMultiple}. The result, and every gradient, is the unpadded convolution's: only zeros are added to
 * the sums. {@link #NONE} changes nothing.
 * <p>
 * Why these numbers: on the AMD EPYC (Zen 5) where oneDNN failed, its forward kernels were wrong for more than 16
 * input channels not a multiple of 16, its stride-2 input-gradient kernels for input channels that are an odd
 * multiple of 16 above 16 (48, 80, …) or not a multiple of 16, and the input gradient for filter counts not a
 * multiple of 16 (bench/RESULTS.md). Whether a padded network is right is still checked, shape by shape
 * ({@link ConvolutionKernels}).
 */
public record ChannelPadding(int outMultiple, int inMultiple, int smallInputs) {

	public static final ChannelPadding NONE = new ChannelPadding(1, 1, Integer.MAX_VALUE);
	public static final ChannelPadding ONEDNN_SAFE = new ChannelPadding(16, 32, 16);

	public boolean none() {
		return equals(NONE);
	}

	int inputs(int channels) {
		return channels <= smallInputs ? channels : roundUp(channels, inMultiple);
	}

	int outputs(int filters) {
		return roundUp(filters, outMultiple);
	}

	/** The convolution that runs in place of {@code spec}. */
	public ConvolutionSpec apply(ConvolutionSpec spec) {
		return new ConvolutionSpec(
				spec.batch(),
				inputs(spec.in()),
				spec.height(),
				spec.width(),
				outputs(spec.out()),
				spec.kernel(),
				spec.stride(),
				spec.padding());
	}

	/**
	 * conv2d without bias of x [N, C, H, W] with weight [out, C, k, k], padded as this says; zero arrays are
	 * made in {@code scratch}.
	 */
	public NDArray convolve(NDArray x, NDArray weight, int stride, int padding, NDManager scratch) {
		Shape xs = x.getShape(), ws = weight.getShape();
		int in = (int) xs.get(1), out = (int) ws.get(0), k = (int) ws.get(2);
		int paddedIn = inputs(in), paddedOut = outputs(out);
		if (paddedIn != in) {
			x = NDArrays.concat(
					new NDList(
							x,
							scratch.zeros(new Shape(xs.get(0), paddedIn - in, xs.get(2), xs.get(3)), x.getDataType())),
					1);
			weight = NDArrays.concat(
					new NDList(weight, scratch.zeros(new Shape(out, paddedIn - in, k, k), weight.getDataType())), 1);
		}
		if (paddedOut != out)
			weight = NDArrays.concat(
					new NDList(weight, scratch.zeros(new Shape(paddedOut - out, paddedIn, k, k), weight.getDataType())),
					0);
		NDArray y = Conv2d.conv2d(
						x, weight, null, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1))
				.singletonOrThrow();
		// The padded copy of the input is freed at once, as the layers free theirs (Sequential#forward).
		if (paddedIn != in) x.close();
		return paddedOut == out ? y : y.get(":, 0:{}", out);
	}

	@Override
	public String toString() {
		return none()
				? "no channel padding"
				: String.format(
						Locale.ROOT,
						"filters padded to a multiple of %d, inputs " + "of more than %d channels to a multiple of %d",
						outMultiple,
						smallInputs,
						inMultiple);
	}

	private static int roundUp(int n, int multiple) {
		return (n + multiple - 1) / multiple * multiple;
	}
}
