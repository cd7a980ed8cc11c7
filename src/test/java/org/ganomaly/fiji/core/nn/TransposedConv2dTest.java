package org.ganomaly.fiji.core.nn;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.engine.ChannelPadding;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.Engines;
import org.junit.Test;

/**
 * The transposed convolution is checked against an independent definition: ConvTranspose2d is the adjoint of
 * Conv2d with the same weight, stride and padding, so convT(x) = ∂/∂y Σ conv2d(y)·x, obtained through autograd
 * (libtorch's convolution with the channel padding the CPU's kernel check chose, checked against its definition
 * then: ConvolutionKernels).
 */
public class TransposedConv2dTest {

	private static final ChannelPadding CHANNELS =
			ConvolutionKernels.cpu(ConvolutionKernels.LIBTORCH).channelPadding();

	/** Relative to the largest value: the two sides sum in different orders. */
	private static final float TOLERANCE = 1e-6f;

	@Test
	public void upsampleMatchesTheAdjointOfConvolution() {
		// {n, in, out, h, w}: narrow outputs (≤ 4 channels) take the matrix-product path, wide ones the convolutions.
		int[][] cases = {
			{1, 3, 2, 4, 4}, {2, 5, 7, 3, 6}, {3, 8, 1, 8, 8}, {2, 16, 4, 5, 2}, {2, 6, 3, 4, 4}, {2, 4, 5, 2, 3}
		};
		for (int[] c : cases) check(false, c[0], c[1], c[2], c[3], c[4]);
	}

	@Test
	public void projectionMatchesTheAdjointOfConvolution() {
		check(true, 3, 10, 6, 1, 1);
		check(true, 1, 4, 2, 1, 1);
	}

	private static void check(boolean project, int n, int in, int out, int h, int w) {
		Engines.noGradOnThisThread();
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			Engine.getEngine("PyTorch").setRandomSeed(n * 31 + in);
			TransposedConv2d layer = project
					? TransposedConv2d.project(manager, in, out, 4)
					: TransposedConv2d.upsample(manager, in, out);
			List<Tensor> tensors = new ArrayList<>();
			layer.tensors("", tensors);
			NDArray weight = tensors.get(0).array(); // [in, out, k, k]
			weight.set(manager.randomNormal(weight.getShape()).toFloatArray());
			NDArray x = manager.randomNormal(new Shape(n, in, h, w));
			x.setRequiresGradient(true);
			int stride = project ? 1 : 2, pad = project ? 0 : 1;
			long oh = project ? 4 : 2L * h, ow = project ? 4 : 2L * w;
			NDArray r = manager.randomNormal(new Shape(n, out, oh, ow));

			NDArray ours;
			float[] gradX, gradW;
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				ours = layer.forward(Forward.training(manager, CHANNELS), x);
				gc.backward(ours.mul(r).sum());
			}
			gradX = x.getGradient().toFloatArray();
			gradW = weight.getGradient().toFloatArray();
			assertEquals(new Shape(n, out, oh, ow), ours.getShape());

			// Independent forward: the adjoint of conv2d(y; weight), through autograd.
			NDArray y = manager.zeros(new Shape(n, out, oh, ow));
			y.setRequiresGradient(true);
			NDArray w2 = manager.create(weight.toFloatArray(), weight.getShape());
			w2.setRequiresGradient(true);
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				NDArray conv = CHANNELS.convolve(y, w2, stride, pad, manager);
				gc.backward(conv.mul(x.stopGradient()).sum());
			}
			assertClose("forward", y.getGradient().toFloatArray(), ours.toFloatArray());

			// Independent gradients: Σ convT(x)·r = Σ conv2d(r)·x, so ∂/∂x = conv2d(r) and ∂/∂W through autograd.
			NDArray w3 = manager.create(weight.toFloatArray(), weight.getShape());
			w3.setRequiresGradient(true);
			NDArray convR;
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				convR = CHANNELS.convolve(r, w3, stride, pad, manager);
				gc.backward(convR.mul(x.stopGradient()).sum());
			}
			assertClose("input gradient", convR.toFloatArray(), gradX);
			assertClose("weight gradient", w3.getGradient().toFloatArray(), gradW);
		}
	}

	/** Equal up to float rounding: the largest difference within {@link #TOLERANCE} of the largest value. */
	private static void assertClose(String what, float[] expected, float[] actual) {
		assertEquals(what + " length", expected.length, actual.length);
		float max = 0, scale = Float.MIN_NORMAL;
		for (int i = 0; i < expected.length; i++) {
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
			scale = Math.max(scale, Math.abs(expected[i]));
		}
		if (!(max <= TOLERANCE * scale))
			assertArrayEquals(
					what + ": max abs difference " + max + " (largest value " + scale + ")",
					expected,
					actual,
					TOLERANCE * scale);
	}
}
