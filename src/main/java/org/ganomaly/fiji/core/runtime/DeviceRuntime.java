package org.ganomaly.fiji.core.runtime;

import ai.djl.Device;
import java.util.Locale;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.NativeHeap;

/**
 * One device as networks compute on it: the DJL device, its convolution kernels with their check and channel
 * padding ({@link ConvolutionKernels}), how float32 is computed there (on a GPU: TF32 or not), and its compute
 * batch and precisions ({@link DeviceProfile}). {@link DeviceChoice#open} makes one; networks own one and run every
 * forward pass with what it decided. Runtimes share nothing but libtorch's process-wide switches, so two of them,
 * with different policies, can live in one JVM.
 */
public final class DeviceRuntime {

	/**
	 * System property: {@code on} lets cuDNN compute float32 convolutions in TF32 (faster on Ampere and newer GPUs,
	 * about 1e-3 less exact; checked with a wider tolerance); {@code off}, the default, keeps float32 exact.
	 */
	public static final String TF32_PROPERTY = "ganomaly.tf32";

	private final ConvolutionKernels kernels;
	private final DeviceProfile profile;
	/** What was done to the C heap libtorch's CPU tensors live in ({@link NativeHeap}), for the log. */
	private final String heap;

	private DeviceRuntime(ConvolutionKernels kernels, DeviceProfile profile) {
		this.kernels = kernels;
		this.profile = profile;
		this.heap = NativeHeap.keepFreedMemory();
	}

	/** The CPU, its kernels checked by libtorch ({@link ConvolutionKernels#cpu}). */
	public static DeviceRuntime cpu() {
		return cpu(ConvolutionKernels.LIBTORCH);
	}

	/** The CPU, its kernels checked by {@code checker}. */
	public static DeviceRuntime cpu(ConvolutionKernels.Checker checker) {
		return new DeviceRuntime(ConvolutionKernels.cpu(checker), DeviceProfile.CPU);
	}

	/**
	 * GPU {@code index}, TF32 as {@value #TF32_PROPERTY} says, its kernels checked by {@code checker}.
	 *
	 * @throws IllegalStateException if the GPU cannot be used or computes convolutions wrongly
	 */
	public static DeviceRuntime gpu(int index, ConvolutionKernels.Checker checker) {
		return new DeviceRuntime(ConvolutionKernels.gpu(Device.gpu(index), checker, tf32Allowed()), DeviceProfile.GPU);
	}

	private static boolean tf32Allowed() {
		String value = System.getProperty(TF32_PROPERTY, "off").trim().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "on" -> true;
			case "off" -> false;
			default ->
				throw new IllegalArgumentException(
						"System property " + TF32_PROPERTY + " must be on or off, not '" + value + "'.");
		};
	}

	public Device device() {
		return kernels.device();
	}

	public ConvolutionKernels kernels() {
		return kernels;
	}

	/** How the networks are best computed on this device. */
	public DeviceProfile profile() {
		return profile;
	}

	/** The device and its kernels, for the log: "cpu (convolutions: oneDNN, checked ...; C heap ...)". */
	public String describe() {
		return device() + " (convolutions: " + kernels.describe() + "; " + heap + ")";
	}
}
