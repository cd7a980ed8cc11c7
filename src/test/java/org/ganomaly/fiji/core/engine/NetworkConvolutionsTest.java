package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.Test;

/**
 * Every convolution of networks the commands accept, as they run it (with the channel padding the start-up check
 * chose), at the batch sizes of training, computed correctly by the kernels this JVM runs on, against the
 * definition in double precision.
 * Channel counts that are not multiples of 8 or 16 (nf 8, 12; nz 100; 1 and 3 image channels) are the ones
 * oneDNN got wrong on an AMD EPYC (Zen 5).
 */
public class NetworkConvolutionsTest {

	private static final DeviceRuntime CPU = DeviceRuntime.cpu();

	@Test
	public void smallNetworksAtTrainingBatchSizes() {
		List<String> wrong = new ArrayList<>();
		for (int channels : new int[] {1, 3})
			for (int size : new int[] {16, 32})
				for (int nf : new int[] {8, 12, 16})
					for (int extra : new int[] {0, 1})
						check(
								new NetworkConfig(new ImageShape(channels, size), 16, nf, extra),
								new int[] {8, 16},
								wrong);
		assertEquals("on " + CPU.kernels().describe(), List.of(), wrong);
	}

	@Test
	public void theDefaultNetworkAt32Pixels() {
		List<String> wrong = new ArrayList<>();
		check(NetworkConfig.defaults(new ImageShape(1, 32)), new int[] {8}, wrong);
		assertEquals("on " + CPU.kernels().describe(), List.of(), wrong);
	}

	private static void check(NetworkConfig config, int[] batches, List<String> wrong) {
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(config, CPU, 0)) {
			Set<ConvolutionSpec> convolutions = networks.convolutions();
			assertTrue(config + " has convolutions", convolutions.size() >= 4);
			for (ConvolutionSpec spec : convolutions)
				for (int batch : batches) {
					Optional<ConvolutionCheck.Mismatch> m = ConvolutionCheck.run(
							spec.withBatch(batch), Device.cpu(), batch, ConvolutionCheck.Reference.DEFINITION);
					m.ifPresent(mismatch -> wrong.add(config + ": " + mismatch));
				}
		}
	}
}
