package org.ganomaly.fiji.core.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.ganomaly.fiji.core.engine.install.LibtorchLookup;
import org.ganomaly.fiji.core.engine.install.Machine;

/**
 * Access to DJL's PyTorch engine, with a clear message when its native library cannot be had; where it is not
 * installed, one line that names the install command instead of DJL's own unseen download. The first call
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
		// Where DJL would find no libtorch it downloads one, silently (up to 2 GB): stop with one line instead.
		LibtorchLookup.requireInstalled(Machine.detect());
		try {
			return Engine.getEngine("PyTorch");
		} catch (RuntimeException | UnsatisfiedLinkError e) {
			throw new IllegalStateException(
					"Could not start DJL's PyTorch engine: " + e.getMessage()
							+ ". Plugins > GANomaly > " + LibtorchLookup.INSTALL_COMMAND
							+ " names the libtorch folder DJL "
							+ "uses: if it is damaged, delete it and run that command again (offline: README, Installing "
							+ "libtorch).",
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
