package org.ganomaly.fiji.core.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.ganomaly.fiji.core.engine.install.LibtorchLookup;
import org.ganomaly.fiji.core.engine.install.Machine;

/**
 * Access to DJL's PyTorch engine, with a clear message when its native library cannot be had; where it is not
 * installed, one line that names the install command instead of DJL's own unseen download. Which kernels run on a
 * device, and their check, belong to that device's {@link ConvolutionKernels}.
 */
public final class Engines {

	private Engines() {}

	/** DJL's PyTorch engine, loaded by DJL on first use (DJL keeps it, once per JVM). */
	public static Engine pytorch() {
		requireLibtorch();
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
	 * Stops with one line naming Install PyTorch Engine where DJL would find no libtorch: DJL would download one
	 * itself, unseen and uncancellable (up to 2 GB). DJL's own warnings about a CUDA runtime that reports an error
	 * are turned off first, as the device line says it once ({@link CudaRuntime}). Asked on every call (about 4 ms
	 * on 2 cores; a command run makes a few), so nothing here is remembered across calls.
	 */
	public static void requireLibtorch() {
		if (CudaRuntime.probe().problem() != null) CudaRuntime.quietenDjlWarnings();
		LibtorchLookup.requireInstalled(Machine.detect());
	}

	/**
	 * Turns autograd recording off for the calling thread. PyTorch's grad mode is per thread and on by default;
	 * DJL switches it off only on the thread that started the engine, so every worker thread must do it.
	 */
	public static void noGradOnThisThread() {
		pytorch();
		JniUtils.setGradMode(false);
	}

	/**
	 * Sets how many threads one libtorch operation computes with (its intra-op threads), for the whole process: the
	 * calling thread at once, other threads when they first compute (a thread that has computed before keeps its
	 * count). Returns the count the calling thread now has.
	 */
	public static int useIntraOpThreads(int threads) {
		if (threads < 1) throw new IllegalArgumentException("libtorch needs at least 1 thread, not " + threads + ".");
		pytorch();
		JniUtils.setNumThreads(threads);
		return intraOpThreads();
	}

	/** How many threads one libtorch operation computes with on the calling thread. */
	public static int intraOpThreads() {
		pytorch();
		return JniUtils.getNumThreads();
	}
}
