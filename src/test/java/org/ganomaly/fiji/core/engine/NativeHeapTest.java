package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.jna.Platform;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.junit.Assume;
import org.junit.Test;

/** glibc takes the heap thresholds, and the device line says so. */
public class NativeHeapTest {

	@Test
	public void glibcTakesTheThresholdsAndTheDeviceLineSaysSo() {
		Assume.assumeTrue("glibc's mallopt exists on Linux only", Platform.isLinux());
		String said = NativeHeap.keepFreedMemory();
		assertEquals(
				"C heap keeps freed memory for reuse (blocks up to 32 MB from the heap, up to 256 MB kept free)", said);
		assertEquals("idempotent", said, NativeHeap.keepFreedMemory());
		assertTrue(
				DeviceRuntime.cpu().describe(), DeviceRuntime.cpu().describe().endsWith("; " + said + ")"));
	}
}
