package org.ganomaly.fiji.core.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.junit.Test;

public class DeviceChoiceTest {

	@Test
	public void parsesTheThreeChoices() {
		assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
		assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" CPU "));
		assertEquals(DeviceChoice.GPU, DeviceChoice.parse("gpu"));
	}

	@Test(expected = IllegalArgumentException.class)
	public void rejectsOtherWords() {
		DeviceChoice.parse("tpu");
	}

	@Test
	public void cpuIsTheCpuAndAutoFindsNoGpuHere() {
		assertEquals(Device.cpu(), DeviceChoice.CPU.resolve());
		// This machine has no GPU: auto must pick the CPU.
		assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve());
	}

	@Test
	public void aForcedGpuThatDoesNotWorkIsAnErrorNotAQuietCpuRun() {
		Device gpu = DeviceChoice.GPU.resolve();
		assertTrue(gpu.isGpu());
		try (GanomalyNetworks nets =
				GanomalyNetworks.initialized(NetworkConfig.defaults(new ImageShape(1, 16)), gpu, 0)) {
			throw new AssertionError("networks were created on " + nets.device() + " without a GPU");
		} catch (IllegalStateException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("Cannot use device gpu(0)"));
			assertTrue(e.getMessage(), e.getMessage().contains("choose device 'cpu'"));
		}
	}
}
