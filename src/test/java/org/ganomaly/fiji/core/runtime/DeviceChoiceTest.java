package org.ganomaly.fiji.core.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.engine.ConvolutionCheck;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.junit.Test;

public class DeviceChoiceTest {

	/** The real check on the CPU; on a GPU, the forward pass off by 1 % (a GPU that computes wrongly). */
	private static final ConvolutionKernels.Checker WRONG_GPU = (spec, device, reference) -> device.isGpu()
			? new ConvolutionCheck.Errors(spec, 0.01, 0, 0)
			: ConvolutionKernels.LIBTORCH.measure(spec, device, reference);

	@Test
	public void parsesAutoCpuGpuAndGpuN() {
		assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
		assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" CPU "));
		assertEquals(DeviceChoice.gpu(0), DeviceChoice.parse("gpu"));
		assertEquals(DeviceChoice.gpu(0), DeviceChoice.parse("gpu:0"));
		assertEquals(DeviceChoice.gpu(3), DeviceChoice.parse("GPU:3"));
		for (String text : new String[] {"auto", "cpu", "gpu:0", "gpu:12"})
			assertEquals(text, DeviceChoice.parse(text).toString());
	}

	@Test
	public void rejectsOtherWordsNamingTheInput() {
		for (String text : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "gpu:1:2", "cpu:0", "gpu 1", ""}) {
			IllegalArgumentException e =
					assertThrows(text, IllegalArgumentException.class, () -> DeviceChoice.parse(text));
			assertTrue(e.getMessage(), e.getMessage().contains("auto, cpu, gpu or gpu:N"));
			assertTrue(e.getMessage(), e.getMessage().contains("'" + text + "'"));
		}
	}

	@Test
	public void cpuIsTheCpuAndAutoFindsNoGpuHereSayingWhyInOneLineAtMost() {
		List<String> log = new ArrayList<>();
		assertEquals(Device.cpu(), DeviceChoice.CPU.open(log::add).device());
		assertEquals(List.of(), log);
		// This machine has no GPU (it may have CUDA's runtime without a driver): auto must pick the CPU.
		assertEquals(Device.cpu(), DeviceChoice.AUTO.open(log::add).device());
		assertTrue(log.toString(), log.size() <= 1);
		for (String line : log) assertTrue(line, line.startsWith("Device auto: the CPU, as "));
	}

	@Test
	public void aForcedGpuThatDoesNotWorkIsAnErrorNotAQuietCpuRun() {
		IllegalStateException e = assertThrows(
				IllegalStateException.class, () -> DeviceChoice.gpu(0).open(line -> {}));
		assertTrue(e.getMessage(), e.getMessage().contains("gpu(0)"));
		assertTrue(e.getMessage(), e.getMessage().contains("choose device 'cpu'"));
	}

	@Test
	public void autoFallsBackToTheCpuWithItsReasonWhenTheGpuComputesWrongly() {
		List<String> log = new ArrayList<>();
		DeviceRuntime runtime = DeviceChoice.AUTO.open(new GpuAvailability(1, null), WRONG_GPU, log::add);
		assertEquals(Device.cpu(), runtime.device());
		assertEquals(1, log.size());
		String line = log.get(0);
		assertTrue(
				line,
				line.startsWith(
						"Device auto: the CPU, as gpu:0 cannot be used: The GPU gpu(0) computes "
								+ "convolutions wrongly here (float32, TF32 off, tolerance 1e-04): forward of the convolution"));
		assertTrue(line, line.contains("off by up to 0.0100 of its largest value"));
	}

	@Test
	public void aForcedGpuThatComputesWronglyIsAnError() {
		List<String> log = new ArrayList<>();
		IllegalStateException e = assertThrows(
				IllegalStateException.class,
				() -> DeviceChoice.gpu(0).open(new GpuAvailability(1, null), WRONG_GPU, log::add));
		assertTrue(e.getMessage(), e.getMessage().startsWith("The GPU gpu(0) computes convolutions wrongly here"));
		assertEquals(List.of(), log);
	}

	@Test
	public void autoSaysWhyThereIsNoGpuAndAMissingGpuIndexIsNamed() {
		List<String> log = new ArrayList<>();
		GpuAvailability cpuBuild = new GpuAvailability(0, "the libtorch DJL loaded is a CPU build");
		assertEquals(
				Device.cpu(),
				DeviceChoice.AUTO.open(cpuBuild, WRONG_GPU, log::add).device());
		assertEquals(List.of("Device auto: the CPU, as the libtorch DJL loaded is a CPU build."), log);

		GpuAvailability two = new GpuAvailability(2, null);
		IllegalArgumentException e = assertThrows(
				IllegalArgumentException.class, () -> DeviceChoice.gpu(2).open(two, WRONG_GPU, line -> {}));
		assertEquals("There is no GPU gpu:2 here: libtorch sees 2 (gpu:0 to gpu:1).", e.getMessage());

		log.clear();
		assertEquals(
				Device.cpu(),
				DeviceChoice.AUTO.onGpu(2).open(two, WRONG_GPU, log::add).device());
		assertEquals(List.of("Device auto: the CPU, as there is no gpu:2 (libtorch sees 2)."), log);
	}

	@Test
	public void aClusterAssignedGpuKeepsTheKindOfChoice() {
		assertEquals(DeviceChoice.gpu(3), DeviceChoice.gpu(0).onGpu(3));
		assertEquals("auto:gpu:3", DeviceChoice.AUTO.onGpu(3).toString());
		assertEquals(DeviceChoice.CPU, DeviceChoice.CPU.onGpu(3));
		assertFalse(DeviceChoice.AUTO.onGpu(3).equals(DeviceChoice.gpu(3)));
	}
}
