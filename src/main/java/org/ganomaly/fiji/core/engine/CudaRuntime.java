package org.ganomaly.fiji.core.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Method;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What CUDA's runtime library (libcudart, found as DJL finds it) says about this machine's GPUs, asked directly
 * so that the answer comes with its reason. DJL asks the same, and logs a WARN line ("Failed to detect GPU count:
 * CUDA driver version is insufficient...") every time the answer is an error; {@link #quietenDjlWarnings()} turns
 * those off where this class's one line says the same.
 *
 * @param gpus the GPUs the runtime reports (0 on any error)
 * @param version the runtime's version (12080 for 12.8), 0 when unknown
 * @param problem why there are none, when the runtime reports an error or is missing; null otherwise
 */
public record CudaRuntime(int gpus, int version, String problem) {

	/** cudaErrorNoDevice: a working runtime on a machine without a GPU (not a problem worth a line). */
	private static final int NO_DEVICE = 100;

	private interface Cudart extends Library {
		int cudaGetDeviceCount(int[] count);

		int cudaRuntimeGetVersion(int[] version);

		String cudaGetErrorString(int error);
	}

	/** Asks the CUDA runtime, if one can be loaded. */
	public static CudaRuntime probe() {
		Cudart cudart;
		try {
			cudart = Native.load("cudart", Cudart.class);
		} catch (UnsatisfiedLinkError e) {
			return new CudaRuntime(0, 0, null); // no CUDA here at all, as on most CPU machines: nothing to say
		}
		int[] version = new int[1];
		if (cudart.cudaRuntimeGetVersion(version) != 0) version[0] = 0;
		int[] count = new int[1];
		int status = cudart.cudaGetDeviceCount(count);
		if (status == 0) return new CudaRuntime(count[0], version[0], null);
		if (status == NO_DEVICE) return new CudaRuntime(0, version[0], null);
		return new CudaRuntime(0, version[0], cudart.cudaGetErrorString(status) + " (CUDA error " + status + ")");
	}

	/** "CUDA 12.8", or "CUDA" when the version is unknown. */
	public String describe() {
		return version == 0 ? "CUDA" : String.format(Locale.ROOT, "CUDA %d.%d", version / 1000, version % 1000 / 10);
	}

	/**
	 * Sets DJL's CudaUtils logger to errors only, in the logging back-ends this plugin runs under: logback (Fiji)
	 * and Log4j 2 (Spark). Through reflection, as neither is a dependency; elsewhere DJL's lines stay.
	 */
	public static void quietenDjlWarnings() {
		String name = "ai.djl.util.cuda.CudaUtils";
		Logger logger = LoggerFactory.getLogger(name);
		ClassLoader loader = logger.getClass().getClassLoader();
		try {
			if (logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
				Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, loader);
				logger.getClass()
						.getMethod("setLevel", level)
						.invoke(logger, level.getField("ERROR").get(null));
			} else if (logger.getClass().getName().startsWith("org.apache.logging.slf4j")) {
				Class<?> level = Class.forName("org.apache.logging.log4j.Level", true, loader);
				Method setLevel = Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader)
						.getMethod("setLevel", String.class, level);
				setLevel.invoke(null, name, level.getField("ERROR").get(null));
			}
		} catch (ReflectiveOperationException | LinkageError e) {
			// another version of the back-end: DJL's warnings stay, next to this plugin's own line
		}
	}
}
