package org.ganomaly.fiji.core.runtime;

import java.util.Locale;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;

/**
 * Where the networks run, as a user writes it: {@code auto}, {@code cpu}, {@code gpu} (the first GPU) or
 * {@code gpu:N}. Every command, macro and the Spark job parse it here. DJL finds a GPU through CUDA's runtime
 * library and reports none, silently, when it cannot load it, so a user can force a GPU; a forced GPU that does
 * not work is an error, never a quiet fall-back to the CPU. Under {@code auto}, a GPU that is missing, unusable or
 * computes its check wrongly gives the CPU, with one line saying why.
 *
 * @param kind auto, cpu or gpu
 * @param gpu the GPU's index: the one forced, or the one {@code auto} tries (0 for the CPU)
 */
public record DeviceChoice(Kind kind, int gpu) {

	public enum Kind {
		AUTO,
		CPU,
		GPU
	}

	public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);
	public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, 0);

	public DeviceChoice {
		if (gpu < 0 || (kind == Kind.CPU && gpu != 0))
			throw new IllegalArgumentException("Not a device: " + kind + " " + gpu + ".");
	}

	public static DeviceChoice gpu(int index) {
		return new DeviceChoice(Kind.GPU, index);
	}

	/** Parses auto, cpu, gpu or gpu:N (case-insensitive; N a GPU's index from 0). */
	public static DeviceChoice parse(String text) {
		String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		switch (t) {
			case "auto":
				return AUTO;
			case "cpu":
				return CPU;
			case "gpu":
				return gpu(0);
			default:
				if (t.matches("gpu:[0-9]{1,4}")) return gpu(Integer.parseInt(t.substring(4)));
				throw new IllegalArgumentException(
						"Device must be auto, cpu, gpu or gpu:N (N the GPU's index, from 0), not '" + text + "'.");
		}
	}

	/** The same choice of another GPU (a CPU stays the CPU): the one a cluster's scheduler gave a task. */
	public DeviceChoice onGpu(int index) {
		return kind == Kind.CPU ? this : new DeviceChoice(kind, index);
	}

	/** auto, cpu or gpu:N, as {@link #parse} reads them; auto trying another GPU than the first: auto:gpu:N. */
	@Override
	public String toString() {
		return switch (kind) {
			case CPU -> "cpu";
			case GPU -> "gpu:" + gpu;
			case AUTO -> gpu == 0 ? "auto" : "auto:gpu:" + gpu;
		};
	}

	/**
	 * The runtime of the device this choice gives on this machine, its kernels checked there.
	 *
	 * @param log told, in one line, why {@code auto} runs on the CPU where a GPU might have been expected
	 * @throws IllegalStateException if a forced GPU cannot be used or computes wrongly, or no kernels of the CPU
	 *     compute correctly
	 */
	public DeviceRuntime open(Consumer<String> log) {
		return open(kind == Kind.CPU ? null : GpuAvailability.detect(), ConvolutionKernels.LIBTORCH, log);
	}

	/** As {@link #open(Consumer)}, on a machine offering {@code gpus}, convolutions checked by {@code checker}. */
	DeviceRuntime open(GpuAvailability gpus, ConvolutionKernels.Checker checker, Consumer<String> log) {
		switch (kind) {
			case CPU:
				return DeviceRuntime.cpu(checker);
			case GPU:
				if (gpus.gpus() > 0 && gpu >= gpus.gpus())
					throw new IllegalArgumentException("There is no GPU gpu:" + gpu + " here: libtorch sees "
							+ gpus.gpus() + " (gpu:0 to gpu:" + (gpus.gpus() - 1) + ").");
				try {
					return DeviceRuntime.gpu(gpu, checker);
				} catch (IllegalStateException e) {
					if (gpus.whyNone() == null) throw e;
					throw new IllegalStateException(e.getMessage() + " Here, " + gpus.whyNone() + ".", e);
				}
			default:
				if (gpus.gpus() <= gpu) {
					if (gpus.gpus() > 0)
						log.accept("Device auto: the CPU, as there is no gpu:" + gpu + " (libtorch sees " + gpus.gpus()
								+ ").");
					else if (gpus.whyNone() != null) log.accept("Device auto: the CPU, as " + gpus.whyNone() + ".");
					return DeviceRuntime.cpu(checker);
				}
				try {
					return DeviceRuntime.gpu(gpu, checker);
				} catch (IllegalStateException e) {
					log.accept("Device auto: the CPU, as gpu:" + gpu + " cannot be used: " + e.getMessage());
					return DeviceRuntime.cpu(checker);
				}
		}
	}
}
