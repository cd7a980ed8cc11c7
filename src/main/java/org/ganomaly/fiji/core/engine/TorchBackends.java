package org.ganomaly.fiji.core.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * libtorch's switches torch.backends.mkldnn.enabled, torch.backends.nnpack.enabled,
 * torch.backends.cudnn.allow_tf32 and torch.backends.cuda.matmul.allow_tf32, which DJL 0.36 does not expose (its
 * JNI has no call for them): at::globalContext() and at::Context's setters, called through JNA in the libtorch DJL
 * has loaded. They are libtorch's process-wide settings. With oneDNN and NNPACK off, CPU convolutions run on ATen's
 * own kernels (im2col and a matrix product) whatever the batch size.
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

	private static final String[] SET_TF32_CUDNN = {
		"_ZN2at7Context17setAllowTF32CuDNNEb", "?setAllowTF32CuDNN@Context@at@@QEAAX_N@Z"
	};
	private static final String[] GET_TF32_CUDNN = {
		"_ZNK2at7Context14allowTF32CuDNNEv", "?allowTF32CuDNN@Context@at@@QEBA_NXZ"
	};
	/** From libtorch 2.9: allowTF32CuDNN(std::optional<at::Float32Op> op = std::nullopt) const. */
	private static final String[] GET_TF32_CUDNN_OP = {"_ZNK2at7Context14allowTF32CuDNNESt8optionalINS_9Float32OpEE"};
	/** std::optional<at::Float32Op>(Float32Op::CONV): CONV is 1 in enum Float32Op { ALL, CONV, RNN, MATMUL }. */
	private static final long CONV_OP = 1L | (1L << 32);

	private static final String[] SET_TF32_CUBLAS = {
		"_ZN2at7Context18setAllowTF32CuBLASEb", "?setAllowTF32CuBLAS@Context@at@@QEAAX_N@Z"
	};
	private static final String[] GET_TF32_CUBLAS = {
		"_ZNK2at7Context15allowTF32CuBLASEv", "?allowTF32CuBLAS@Context@at@@QEBA_NXZ"
	};

	private TorchBackends() {}

	/**
	 * Lets cuDNN's convolutions and cuBLAS's matrix products compute float32 in TF32, or not (libtorch's defaults:
	 * cuDNN yes, cuBLAS no), for the whole process.
	 */
	static void allowTf32(boolean allowed) {
		Library torch = Library.open();
		torch.function(SET_TF32_CUDNN).invokeVoid(new Object[] {torch.context(), cppBool(allowed)});
		set(SET_TF32_CUBLAS, GET_TF32_CUBLAS, allowed);
		if (tf32Allowed() != allowed)
			throw new IllegalStateException(
					"libtorch did not take the setting " + SET_TF32_CUDNN[0] + "(" + allowed + ").");
	}

	/** Whether cuDNN may compute float32 convolutions in TF32 now. */
	static boolean tf32Allowed() {
		Library torch = Library.open();
		if (torch.has(GET_TF32_CUDNN)) return get(GET_TF32_CUDNN);
		// Asked for convolutions by name: asked for no operator, libtorch 2.13 aborts the process (an uncaught
		// c10::Error) when cuDNN's convolution and RNN flags differ. A std::optional of an int-sized enum is
		// trivially copyable, 8 bytes (the value, then the engaged flag): passed as one integer register.
		return (torch.function(GET_TF32_CUDNN_OP).invokeInt(new Object[] {torch.context(), CONV_OP}) & 0xFF) != 0;
	}

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
		torch.function(setter).invokeVoid(new Object[] {torch.context(), cppBool(on)});
		if (get(getter) != on)
			throw new IllegalStateException("libtorch did not take the setting " + setter[0] + "(" + on + ").");
	}

	/**
	 * A C++ bool argument: 1 or 0. JNA passes a Java boolean as an int of -1 for true, whose low byte, 0xFF, is no
	 * valid bool: libtorch 2.13's setAllowTF32CuDNN computes its precision from it arithmetically and stores an
	 * invalid one (seen in the rehearsal on torch 2.13; earlier setters only stored the byte and read it back).
	 */
	private static byte cppBool(boolean value) {
		return (byte) (value ? 1 : 0);
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

		boolean has(String[] names) {
			for (String name : names) {
				try {
					library.getFunction(name);
					return true;
				} catch (UnsatisfiedLinkError e) {
					// try the next ABI's name
				}
			}
			return false;
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
