package org.ganomaly.fiji.core.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.Test;

public class EngineFailuresTest {

	@Test
	public void gpuOutOfMemorySaysWhatToLower() {
		String message = EngineFailures.explain(
				new EngineException(
						"CUDA out of memory. Tried to allocate 2.00 GiB "
								+ "(GPU 0; 7.79 GiB total capacity)\nException raised from malloc at ../c10/cuda/CUDACachingAllocator.cpp"));
		assertTrue(message, message.startsWith("The GPU ran out of memory (CUDA out of memory. Tried to allocate"));
		assertTrue(message, message.contains("Lower the batch size") && message.contains("device 'cpu'"));
		assertTrue("no C++ trace: " + message, !message.contains("CUDACachingAllocator"));
	}

	@Test
	public void aRealEngineErrorIsNamedByItsFirstLine() {
		EngineException real;
		try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
			// A matrix product of mismatched shapes: libtorch refuses it with its own message and a C++ trace.
			manager.ones(new Shape(2, 3)).matMul(manager.ones(new Shape(4, 5)));
			throw new AssertionError("libtorch multiplied mismatched matrices");
		} catch (EngineException e) {
			real = e;
		}
		String message = EngineFailures.explain(real);
		assertTrue(message, message.startsWith("The PyTorch engine failed: "));
		assertEquals("one line", 1, message.lines().count());
	}
}
