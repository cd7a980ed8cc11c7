package org.ganomaly.fiji.core.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import org.ganomaly.fiji.core.engine.CudaRuntime;
import org.ganomaly.fiji.core.engine.Engines;

/**
 * The GPUs libtorch can compute on here, and why there are none when there are none: the CUDA runtime is
 * missing or reports an error (a driver too old for it, no permission...), or the libtorch DJL loaded is a CPU
 * build.
 *
 * @param gpus usable GPUs (devices gpu:0 to gpu:gpus-1)
 * @param whyNone when {@code gpus} is 0 and a GPU might have been expected, the reason, for the log; else null
 */
public record GpuAvailability(int gpus, String whyNone) {

	/**
	 * Asks CUDA's runtime first, before DJL loads libtorch: when that answer is an error, DJL's own WARN lines about
	 * it are turned off, as the device line says it once.
	 */
	public static GpuAvailability detect() {
		CudaRuntime cuda = CudaRuntime.probe();
		if (cuda.problem() != null) CudaRuntime.quietenDjlWarnings();
		Engine engine = Engines.pytorch();
		if (cuda.problem() != null)
			return new GpuAvailability(
					0, cuda.describe() + " is installed but reports no usable GPU: " + cuda.problem());
		if (!engine.hasCapability(StandardCapabilities.CUDA))
			return new GpuAvailability(
					0,
					cuda.gpus() == 0
							? null
							: cuda.describe() + " sees " + cuda.gpus() + " GPU(s), but the libtorch DJL loaded ("
									+ engine.getVersion()
									+ ") is a CPU build: DJL found no CUDA build of it for this CUDA "
									+ "version (or one was set through PYTORCH_FLAVOR / the class path)");
		int gpus = engine.getGpuCount();
		return new GpuAvailability(gpus, gpus == 0 ? "libtorch has CUDA but DJL sees no GPU" : null);
	}
}
