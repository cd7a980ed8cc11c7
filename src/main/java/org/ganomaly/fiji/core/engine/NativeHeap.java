package org.ganomaly.fiji.core.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Locale;

/**
 * The C heap libtorch allocates its CPU tensors from, told to keep freed memory for the next step instead of giving
 * it back to the system after each one (glibc's {@code mallopt}, process-wide, as libtorch's own switches are).
 * <p>
 * Why: DJL frees a step's tensors together when the step's manager closes. glibc then returns the top of the heap
 * to the system, and large tensors were mapped and unmapped one by one, so the next step touches fresh pages again:
 * each first touch is a page fault. On a 2-core AMD EPYC virtual machine a fault cost about 20 µs, and scoring 64
 * images of 32×32 took about 9,000 faults per batch, which made libtorch's kernels and even elementwise operations
 * several times slower than the same operations in the PyTorch reference, whose tensors are freed one at a time and
 * reused (bench/RESULTS.md, issue 24). Python's glibc gets there by raising its thresholds itself as large blocks are
 * freed; a JVM's threads rarely trigger that.
 * <p>
 * What: blocks of up to {@value #MMAP_THRESHOLD_MB} MB come from the heap rather than from their own mappings (glibc's
 * largest automatic value), and up to {@value #TRIM_THRESHOLD_MB} MB of free memory at the top of the heap is kept
 * for reuse. Only the retention changes, not what is computed. Elsewhere than on Linux with glibc nothing is done.
 */
public final class NativeHeap {

	/** glibc's malloc.h: M_TRIM_THRESHOLD and M_MMAP_THRESHOLD. */
	private static final int M_TRIM_THRESHOLD = -1;

	private static final int M_MMAP_THRESHOLD = -3;

	static final int MMAP_THRESHOLD_MB = 32;
	static final int TRIM_THRESHOLD_MB = 256;

	private NativeHeap() {}

	/**
	 * Applies the thresholds (idempotent) and says what was done, for the log.
	 *
	 * @return one line: the thresholds set, or why the heap was left as it is
	 */
	public static String keepFreedMemory() {
		if (!Platform.isLinux()) return "C heap left as is (not Linux)";
		Function mallopt;
		try {
			mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
		} catch (UnsatisfiedLinkError e) {
			return "C heap left as is (no mallopt: " + e.getMessage() + ")";
		}
		// mallopt returns 1 on success; a C library other than glibc may refuse or ignore the parameters.
		boolean mmap = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD_MB << 20}) == 1;
		boolean trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD_MB << 20}) == 1;
		return mmap && trim
				? String.format(
						Locale.ROOT,
						"C heap keeps freed memory for reuse (blocks up to %d MB from the heap, up to %d MB kept free)",
						MMAP_THRESHOLD_MB,
						TRIM_THRESHOLD_MB)
				: "C heap left as is (mallopt refused: mmap threshold " + mmap + ", trim threshold " + trim + ")";
	}
}
