package org.ganomaly.fiji.core.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * libtorch's switches torch.backends.mkldnn.enabled and torch.backends.nnpack.enabled, which DJL does not
 * expose: at::globalContext() and at::Context::setUserEnabledMkldnn / setUserEnabledNNPACK, called through JNA
 * in the libtorch DJL has loaded. With both off, CPU convolutions run on ATen's own kernels (im2col and a matrix
 * product) whatever the batch size.
 */
final class TorchBackends {

	/** Itanium C++ ABI names (Linux, macOS), then MSVC's (Windows). */
	private static final String[] GLOBAL_CONTEXT = {"_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ"};

	private static final String[] SET_MKLDNN = {
		"_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z"
	};
	private static final String[] GET_MKLDNN = {
		"_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ"
	};
	private static final String[] SET_NNPACK = {
		"_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z"
	};
	private static final String[] GET_NNPACK = {
		"_ZNK2at7Context17userEnabledNNPACKEv", "?userEnabledNNPACK@Context@at@@QEBA_NXZ"
	};

	private TorchBackends() {}

	static boolean oneDnnEnabled() {
		return get(GET_MKLDNN);
	}

	/** oneDNN off: ATen's own convolution kernels. */
	static void useAtenKernels() {
		set(SET_MKLDNN, GET_MKLDNN, false);
	}

	static void disableNnpack() {
		set(SET_NNPACK, GET_NNPACK, false);
	}

	private static boolean get(String[] getter) {
		Library torch = Library.open();
		// A C++ bool comes back in the low byte of the return register.
		return (torch.function(getter).invokeInt(new Object[] {torch.context()}) & 0xFF) != 0;
	}

	private static void set(String[] setter, String[] getter, boolean on) {
		Library torch = Library.open();
		torch.function(setter).invokeVoid(new Object[] {torch.context(), on});
		if (get(getter) != on)
			throw new IllegalStateException("libtorch did not take the setting " + setter[0] + "(" + on + ").");
	}

	private record Library(NativeLibrary library) {

		static Library open() {
			Path file = Path.of(LibUtils.getLibtorchPath())
					.resolve(
							Platform.isWindows()
									? "torch_cpu.dll"
									: Platform.isMac() ? "libtorch_cpu.dylib" : "libtorch_cpu.so");
			try {
				return new Library(NativeLibrary.getInstance(file.toString()));
			} catch (UnsatisfiedLinkError e) {
				throw new IllegalStateException(
						"Cannot open " + file + " to choose its convolution kernels: " + e.getMessage(), e);
			}
		}

		Pointer context() {
			return function(GLOBAL_CONTEXT).invokePointer(new Object[0]);
		}

		Function function(String[] names) {
			for (String name : names) {
				try {
					return library.getFunction(name);
				} catch (UnsatisfiedLinkError e) {
					// try the next ABI's name
				}
			}
			throw new IllegalStateException("libtorch (" + library.getFile() + ") has no " + names[0]
					+ "; cannot choose its convolution kernels.");
		}
	}
}
