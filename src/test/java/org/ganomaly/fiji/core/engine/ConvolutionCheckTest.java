package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Optional;
import org.junit.Test;

/** The check finds wrong kernels, and passes the kernels this JVM runs on. */
public class ConvolutionCheckTest {

	/** Channel counts every kernel set handles, padded or not. */
	private static final ConvolutionSpec SPEC = new ConvolutionSpec(4, 3, 8, 8, 16, 4, 2, 1);

	@Test
	public void theKernelsInUseComputeEveryProbeCorrectly() {
		ConvolutionKernels cpu = ConvolutionKernels.cpu(ConvolutionKernels.LIBTORCH);
		for (ConvolutionSpec probe : ConvolutionKernels.PROBES) {
			ConvolutionSpec asRun = cpu.channelPadding().apply(probe);
			for (ConvolutionCheck.Reference reference : ConvolutionCheck.Reference.values())
				assertEquals(
						asRun + " against " + reference + " on " + cpu.describe(),
						Optional.empty(),
						ConvolutionCheck.run(asRun, Device.cpu(), 11, reference));
		}
	}

	@Test
	public void aKernelOffByAPercentInOneValueIsCaught() {
		String[] names = {"forward", "input gradient", "weight gradient"};
		for (int quantity = 0; quantity < 3; quantity++) {
			int which = quantity;
			Optional<ConvolutionCheck.Mismatch> wrong = ConvolutionCheck.run(
					SPEC,
					5,
					ConvolutionCheck.Reference.DEFINITION,
					(x, w, g) -> changeLargest(libtorch(x, w, g), which, 1.01));
			assertTrue("caught: " + names[which], wrong.isPresent());
			assertEquals(names[which], wrong.get().quantity());
			assertEquals(wrong.get().toString(), 0.01, wrong.get().error(), 1e-4);
			assertTrue(wrong.get().toString(), wrong.get().toString().contains(SPEC.toString()));
		}
	}

	@Test
	public void aNaNIsCaughtAndNamed() {
		Optional<ConvolutionCheck.Mismatch> wrong = ConvolutionCheck.run(
				SPEC,
				5,
				ConvolutionCheck.Reference.FLOAT64,
				(x, w, g) -> changeLargest(libtorch(x, w, g), 1, Double.NaN));
		assertTrue(wrong.isPresent());
		assertEquals("input gradient", wrong.get().quantity());
		assertTrue(wrong.get().toString(), wrong.get().toString().contains("non-finite"));
	}

	@Test
	public void floatRoundingIsNotAFault() {
		// The largest value of each quantity moved by a relative 1e-6, more than float32 rounding of these sums.
		assertEquals(
				Optional.empty(),
				ConvolutionCheck.run(
						SPEC,
						5,
						ConvolutionCheck.Reference.DEFINITION,
						(x, w, g) -> changeLargest(
								changeLargest(changeLargest(libtorch(x, w, g), 0, 1 + 1e-6), 1, 1 - 1e-6),
								2,
								1 + 1e-6)));
	}

	private static ConvolutionCheck.Computed libtorch(float[] x, float[] w, float[] g) {
		return ConvolutionCheck.onLibtorch(SPEC, Device.cpu(), DataType.FLOAT32, x, w, g);
	}

	/** The results with the largest value of quantity 0 (y), 1 (dx) or 2 (dw) multiplied by {@code factor}. */
	private static ConvolutionCheck.Computed changeLargest(ConvolutionCheck.Computed c, int quantity, double factor) {
		double[][] all = {c.y().clone(), c.dx().clone(), c.dw().clone()};
		double[] target = all[quantity];
		int largest = 0;
		for (int i = 1; i < target.length; i++) if (Math.abs(target[i]) > Math.abs(target[largest])) largest = i;
		target[largest] *= factor;
		return new ConvolutionCheck.Computed(all[0], all[1], all[2]);
	}
}
