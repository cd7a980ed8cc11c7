package org.ganomaly.fiji.core.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Access to DJL's PyTorch engine, with a clear message when its native library cannot be had. The first call
 * also checks libtorch's convolution kernels on this CPU ({@link ConvolutionKernels}); no caller gets the engine
 * before that check has ended.
 */
public final class Engines {

	private static Engine engine;
	private static volatile boolean ready;
	/** The thread running the start-up check, whose own calls must not wait for it. */
	private static Thread starting;

	private Engines() {}

	public static Engine pytorch() {
		if (ready) return engine;
		synchronized (Engines.class) {
			if (ready || Thread.currentThread() == starting) return engine;
			engine = load();
			starting = Thread.currentThread();
			try {
				ConvolutionKernels.startUp();
				ready = true;
			} finally {
				starting = null;
			}
			return engine;
		}
	}

	private static Engine load() {
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
