package org.ganomaly.fiji.core.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Access to DJL's PyTorch engine, with a clear message when its native library cannot be had. Which kernels run
 * on a device, and their check, belong to that device's {@link ConvolutionKernels}.
 */
public final class Engines {

	private Engines() {}

	/** DJL's PyTorch engine, loaded by DJL on first use (DJL keeps it, once per JVM). */
	public static Engine pytorch() {
		try {
			return Engine.getEngine("PyTorch");
		} catch (RuntimeException | UnsatisfiedLinkError e) {
			throw new IllegalStateException(
					"Could not start DJL's PyTorch engine: " + e.getMessage()
							+ ". Online, DJL downloads libtorch on first use into ~/.djl.ai (or DJL_CACHE_DIR). Offline, put the "
							+ "pytorch-native-cpu jar on the class path or set PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR.",
					e);
		}
	}

	/**
	 * Turns autograd recording off for the calling thread. PyTorch's grad mode is per thread and on by default;
	 * DJL switches it off only on the thread that started the engine, so every worker thread must do it.
	 */
	public static void noGradOnThisThread() {
		pytorch();
		JniUtils.setGradMode(false);
	}
}
