package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Optional;
import org.junit.Test;

/** Padding channels with zeros changes which kernels run, never the result or its gradients. */
public class ChannelPaddingTest {

	@Test
	public void channelCountsAreRoundedAsOneDnnNeedsThem() {
		ChannelPadding p = ChannelPadding.ONEDNN_SAFE;
		assertEquals(
				new ConvolutionSpec(8, 1, 16, 16, 16, 4, 2, 1), p.apply(new ConvolutionSpec(8, 1, 16, 16, 8, 4, 2, 1)));
		assertEquals(
				new ConvolutionSpec(8, 12, 8, 8, 32, 4, 2, 1), p.apply(new ConvolutionSpec(8, 12, 8, 8, 24, 4, 2, 1)));
		assertEquals(
				new ConvolutionSpec(8, 32, 8, 8, 48, 4, 2, 1), p.apply(new ConvolutionSpec(8, 24, 8, 8, 48, 4, 2, 1)));
		assertEquals(
				new ConvolutionSpec(8, 64, 8, 8, 96, 4, 2, 1), p.apply(new ConvolutionSpec(8, 48, 8, 8, 96, 4, 2, 1)));
		assertEquals(
				new ConvolutionSpec(2, 256, 4, 4, 112, 4, 1, 0),
				p.apply(new ConvolutionSpec(2, 256, 4, 4, 100, 4, 1, 0)));
		ConvolutionSpec aligned = new ConvolutionSpec(2, 64, 16, 16, 128, 4, 2, 1);
		assertEquals(aligned, p.apply(aligned));
		assertEquals(aligned, ChannelPadding.NONE.apply(aligned));
		assertEquals(
				"padding twice is padding once",
				p.apply(new ConvolutionSpec(2, 24, 8, 8, 20, 4, 2, 1)),
				p.apply(p.apply(new ConvolutionSpec(2, 24, 8, 8, 20, 4, 2, 1))));
	}

	/** Against the definition: padding done wrong would show whatever the kernels underneath. */
	@Test
	public void paddedConvolutionsGiveTheDefinitionsResultAndGradients() {
		ConvolutionSpec[] specs = {
			new ConvolutionSpec(2, 24, 8, 8, 12, 4, 2, 1),
			new ConvolutionSpec(3, 1, 16, 16, 8, 4, 2, 1),
			new ConvolutionSpec(2, 20, 4, 4, 100, 4, 1, 0),
			new ConvolutionSpec(2, 48, 8, 8, 96, 4, 2, 1),
			new ConvolutionSpec(2, 24, 5, 5, 12, 2, 1, 0),
			new ConvolutionSpec(1, 12, 8, 8, 12, 3, 1, 1)
		};
		for (ConvolutionSpec spec : specs)
			assertEquals(
					spec + " padded",
					Optional.empty(),
					ConvolutionCheck.run(
							spec,
							3,
							ConvolutionCheck.Reference.DEFINITION,
							(x, w, g) -> padded(ChannelPadding.ONEDNN_SAFE, spec, x, w, g)));
	}

	private static ConvolutionCheck.Computed padded(
			ChannelPadding padding, ConvolutionSpec s, float[] x, float[] w, float[] g) {
		Engines.noGradOnThisThread();
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NDArray input = manager.create(x, new Shape(s.batch(), s.in(), s.height(), s.width()));
			NDArray weight = manager.create(w, new Shape(s.out(), s.in(), s.kernel(), s.kernel()));
			input.setRequiresGradient(true);
			weight.setRequiresGradient(true);
			float[] y;
			try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
				NDArray result = padding.convolve(input, weight, s.stride(), s.padding(), manager);
				assertEquals(new Shape(s.batch(), s.out(), s.outHeight(), s.outWidth()), result.getShape());
				y = result.toFloatArray();
				collector.backward(
						result.mul(manager.create(g, result.getShape())).sum());
			}
			return new ConvolutionCheck.Computed(
					doubles(y),
					doubles(input.getGradient().toFloatArray()),
					doubles(weight.getGradient().toFloatArray()));
		}
	}

	private static double[] doubles(float[] values) {
		double[] out = new double[values.length];
		for (int i = 0; i < values.length; i++) out[i] = values[i];
		return out;
	}
}
