package org.ganomaly.fiji.core.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import java.util.Set;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.engine.ChannelPadding;
import org.ganomaly.fiji.core.engine.ConvolutionCheck;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.ConvolutionSpec;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.junit.Test;

/**
 * Each device runtime keeps its own kernel policy: two of them, with different policies, in one JVM, and networks
 * that keep the padding their runtime decided. The policies are simulated (checks given to the constructors), so
 * that they differ on any CPU.
 */
public class DeviceRuntimeTest {

	/** nf 12: channel counts that oneDNN's padding changes. */
	private static final NetworkConfig NETWORK = new NetworkConfig(new ImageShape(1, 16), 16, 12, 0);

	/** A CPU whose oneDNN passes every check (as on most CPUs). */
	private static final ConvolutionKernels.Checker PASSES =
			(spec, device, reference) -> new ConvolutionCheck.Errors(spec, 0, 0, 0);

	/** A CPU whose oneDNN is wrong for every channel count that padding would change (as on a Zen 5). */
	private static final ConvolutionKernels.Checker UNALIGNED_WRONG =
			(spec, device, reference) -> ChannelPadding.ONEDNN_SAFE.apply(spec).equals(spec)
					? new ConvolutionCheck.Errors(spec, 0, 0, 0)
					: new ConvolutionCheck.Errors(spec, 0.5, 0, 0);

	@Test
	public void twoCpuRuntimesWithDifferentPoliciesLiveSideBySide() {
		DeviceRuntime plain = DeviceRuntime.cpu(PASSES);
		DeviceRuntime padded = DeviceRuntime.cpu(UNALIGNED_WRONG);
		try (GanomalyNetworks onPlain = GanomalyNetworks.initialized(NETWORK, plain, 1);
				GanomalyNetworks onPadded = GanomalyNetworks.initialized(NETWORK, padded, 1)) {
			assertEquals(ChannelPadding.NONE, onPlain.channelPadding());
			assertEquals(ChannelPadding.ONEDNN_SAFE, onPadded.channelPadding());
			assertEquals("onednn", plain.kernels().label());
			assertEquals("onednn (padded)", padded.kernels().label());
			// Each network runs its convolutions as its own runtime decided, whatever the other decided.
			Set<ConvolutionSpec> unpadded = onPlain.convolutions(), run = onPadded.convolutions();
			assertNotEquals(unpadded, run);
			for (ConvolutionSpec spec : unpadded)
				assertTrue(spec + " is run padded", run.contains(ChannelPadding.ONEDNN_SAFE.apply(spec)));
			for (ConvolutionSpec spec : run) assertEquals(spec, ChannelPadding.ONEDNN_SAFE.apply(spec));
		}
	}

	@Test
	public void aGpuPolicyBesideTheCpuTheToleranceFollowingThePrecision() {
		DeviceRuntime cpu = DeviceRuntime.cpu();
		String cpuKernels = cpu.kernels().describe();
		// A GPU whose convolutions differ from the references by 1e-3, as TF32's would.
		ConvolutionKernels.Checker tf32Like = (spec, device, reference) -> device.isGpu()
				? new ConvolutionCheck.Errors(spec, 1e-3, 1e-3, 1e-3)
				: ConvolutionKernels.LIBTORCH.measure(spec, device, reference);
		try {
			ConvolutionKernels tf32 = ConvolutionKernels.gpu(Device.gpu(1), tf32Like, true);
			assertEquals(ConvolutionCheck.TF32_TOLERANCE, tf32.tolerance(), 0);
			assertEquals("cuda (float32 with TF32 allowed)", tf32.label());
			assertEquals(ChannelPadding.NONE, tf32.channelPadding());
			IllegalStateException e = assertThrows(
					IllegalStateException.class, () -> ConvolutionKernels.gpu(Device.gpu(1), tf32Like, false));
			assertTrue(e.getMessage(), e.getMessage().contains("(float32, TF32 off, tolerance 1e-04)"));
		} finally {
			ConvolutionKernels.gpu(Device.gpu(1), PASSES, false); // TF32 is process-wide: off again
		}
		// The CPU's runtime is untouched by the GPU's, and its networks still compute.
		assertEquals(cpuKernels, cpu.kernels().describe());
		assertEquals(ConvolutionCheck.FLOAT32_TOLERANCE, cpu.kernels().tolerance(), 0);
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(NETWORK, cpu, 1)) {
			assertEquals(cpu.kernels().channelPadding(), networks.channelPadding());
		}
	}

	@Test
	public void aScoringOnlyModelHasNoDiscriminatorAndChecksOnlyTheGenerator() {
		DeviceRuntime cpu = DeviceRuntime.cpu();
		try (GanomalyNetworks full = GanomalyNetworks.initialized(NETWORK, cpu, 3);
				GanomalyNetworks generator = GanomalyNetworks.restored(NETWORK, cpu, full.generatorSnapshot(), true)) {
			assertEquals(
					full.generatorSnapshot().keySet(),
					generator.generatorSnapshot().keySet());
			assertTrue(full.convolutions().containsAll(generator.convolutions()));
			IllegalArgumentException missing = assertThrows(
					IllegalArgumentException.class,
					() -> GanomalyNetworks.restored(NETWORK, cpu, full.generatorSnapshot(), false));
			assertTrue(missing.getMessage(), missing.getMessage().startsWith("Tensor netD."));
			IllegalStateException e = assertThrows(IllegalStateException.class, generator::netD);
			assertTrue(e.getMessage(), e.getMessage().contains("scoring-only"));
		}
	}
}
