package org.ganomaly.fiji.core.engine;

import java.util.Locale;

/**
 * One 2-D convolution as a network runs it: input [batch, in, height, width], a square kernel of
 * {@code out} filters, symmetric padding, no bias, no dilation.
 */
public record ConvolutionSpec(int batch, int in, int height, int width, int out, int kernel, int stride, int padding) {

	public ConvolutionSpec {
		if (batch < 1 || in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0)
			throw new IllegalArgumentException(
					"Not a convolution: " + describe(batch, in, height, width, out, kernel, stride, padding));
		if (height + 2 * padding < kernel || width + 2 * padding < kernel)
			throw new IllegalArgumentException("Kernel larger than the padded input: "
					+ describe(batch, in, height, width, out, kernel, stride, padding));
	}

	public int outHeight() {
		return (height + 2 * padding - kernel) / stride + 1;
	}

	public int outWidth() {
		return (width + 2 * padding - kernel) / stride + 1;
	}

	/** The same convolution on another number of images. */
	public ConvolutionSpec withBatch(int images) {
		return new ConvolutionSpec(images, in, height, width, out, kernel, stride, padding);
	}

	@Override
	public String toString() {
		return describe(batch, in, height, width, out, kernel, stride, padding);
	}

	private static String describe(
			int batch, int in, int height, int width, int out, int kernel, int stride, int padding) {
		return String.format(
				Locale.ROOT,
				"%d×%d×%d×%d → %d channels, kernel %d, stride %d, padding %d",
				batch,
				in,
				height,
				width,
				out,
				kernel,
				stride,
				padding);
	}
}
