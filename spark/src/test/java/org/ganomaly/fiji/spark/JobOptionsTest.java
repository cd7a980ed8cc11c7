package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** --device takes what the plugin's commands take: auto, cpu, gpu and gpu:N. */
public class JobOptionsTest {

	private static JobOptions withDevice(String device) {
		return JobOptions.parse(new String[] {
			"score", "--model", "m.ganomaly", "--input", "/data", "--output", "/out", "--device", device
		});
	}

	@Test
	public void devicesAsTheCommandsTakeThem() {
		assertEquals(
				"cpu",
				JobOptions.parse(new String[] {"score", "--model", "m", "--input", "i", "--output", "o"})
						.device());
		assertEquals("gpu:1", withDevice("gpu:1").device());
		assertEquals("gpu", withDevice(" GPU ").device());
		assertEquals("auto", withDevice("auto").device());
	}

	@Test
	public void aBadDeviceNamesTheOptionAndTheSyntax() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withDevice("gpu:one"));
		assertTrue(e.getMessage(), e.getMessage().startsWith("--device: Device must be auto, cpu, gpu or gpu:N"));
		assertTrue(e.getMessage(), e.getMessage().contains("'gpu:one'"));
	}
}
