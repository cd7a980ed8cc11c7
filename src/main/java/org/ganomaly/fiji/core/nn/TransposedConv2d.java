package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * torch.nn.ConvTranspose2d without bias, for the two shapes GANomaly uses, built from ops the PyTorch engine
 * supports (DJL's Conv2dTranspose throws there). Weight layout is PyTorch's: [in, out, k, k].
 * <ul>
 * <li>{@link Kind#PROJECT}: kernel k, stride 1, padding 0 on a 1×1 input, i.e. a matrix product
 * [N, in] × [in, out·k·k].</li>
 * <li>{@link Kind#UPSAMPLE}: kernel 4, stride 2, padding 1. Output pixel (2m + r) only meets kernel taps of
 * one parity, so no multiplication by an inserted zero is needed. Wide outputs are computed as four 2×2
 * convolutions of the input padded on the side each output phase (ry, rx) needs, then interleaved. Narrow
 * outputs (the decoder's last layer, 1 or 3 channels, where a convolution with so few filters runs far below
 * the CPU's speed) are one matrix product [N·H·W, in] × [in, out·16] followed by the overlap-add of the 16 taps
 * into the four phases, as PyTorch's own col2im does.</li>
 * </ul>
 */
public final class TransposedConv2d implements Layer {

	public enum Kind {
		PROJECT,
		UPSAMPLE
	}

	private final NDArray weight;
	private final Kind kind;
	private final int out;
	private final int kernel;

	private TransposedConv2d(NDManager manager, int in, int out, int kernel, Kind kind) {
		this.weight = Parameters.create(manager, new Shape(in, out, kernel, kernel));
		this.kind = kind;
		this.out = out;
		this.kernel = kernel;
	}

	/** ConvTranspose2d(in, out, kernel, stride 1, padding 0) applied to 1×1 inputs. */
	public static TransposedConv2d project(NDManager manager, int in, int out, int kernel) {
		return new TransposedConv2d(manager, in, out, kernel, Kind.PROJECT);
	}

	/** ConvTranspose2d(in, out, 4, stride 2, padding 1): doubles the spatial size. */
	public static TransposedConv2d upsample(NDManager manager, int in, int out) {
		return new TransposedConv2d(manager, in, out, 4, Kind.UPSAMPLE);
	}

	@Override
	public NDArray forward(Forward pass, NDArray x) {
		return kind == Kind.PROJECT ? project(pass, x) : upsample(pass, x);
	}

	private NDArray project(Forward pass, NDArray x) {
		Shape s = x.getShape();
		if (s.get(2) != 1 || s.get(3) != 1)
			throw new IllegalArgumentException("Projecting transposed convolution needs a 1×1 input, got " + s);
		NDArray w = pass.param(weight).reshape(s.get(1), (long) out * kernel * kernel);
		return x.reshape(s.get(0), s.get(1)).matMul(w).reshape(s.get(0), out, kernel, kernel);
	}

	/** Below this many output channels the matrix-product form is faster than 2×2 convolutions. */
	private static final int NARROW_OUTPUT = 4;
	/** Kernel taps feeding output phase r, and the input shift each needs: phase r gets taps TAPS[r][0..1]. */
	private static final int[][] TAPS = {{1, 3}, {2, 0}};

	private static final int[][] SHIFTS = {{0, 1}, {0, -1}};

	/**
	 * The phases and their interleaving are computed in a manager of the layer's own, closed when the output is
	 * made: the pads, phases and copies are freed at once (see {@link Sequential#forward}).
	 */
	private NDArray upsample(Forward pass, NDArray x) {
		Shape s = x.getShape();
		long n = s.get(0), h = s.get(2), w = s.get(3);
		NDManager owner = x.getManager();
		try (NDManager layer = owner.newSubManager()) {
			// Results join the manager of the array they are computed from: the layer's, from this alias on.
			NDArray input = x.reshape(s);
			input.attach(layer);
			NDArray[][] phases =
					out <= NARROW_OUTPUT ? phasesByMatrixProduct(pass, input) : phasesByConvolution(pass, input);
			NDArray[] rows = new NDArray[2];
			for (int ry = 0; ry < 2; ry++) rows[ry] = NDArrays.stack(new NDList(phases[ry]), 4); // [n, out, h, w, rx]
			NDArray output =
					NDArrays.stack(new NDList(rows), 3).reshape(n, out, 2 * h, 2 * w); // [n, out, h, ry, w, rx]
			output.attach(owner);
			return output;
		}
	}

	/** Phase (ry, rx) is a 2×2 correlation with the flipped kernel's taps [ry::2, rx::2]. */
	private NDArray[][] phasesByConvolution(Forward pass, NDArray x) {
		NDArray flipped = pass.param(weight).transpose(1, 0, 2, 3).flip(2, 3);
		NDArray[][] phases = new NDArray[2][2];
		for (int ry = 0; ry < 2; ry++)
			for (int rx = 0; rx < 2; rx++) {
				// Phase 0 reads rows m−1 and m, phase 1 rows m and m+1: pad before or after accordingly.
				NDArray padded = x.pad(new Shape(1 - rx, rx, 1 - ry, ry), 0);
				phases[ry][rx] = pass.convolve(padded, flipped.get(":, :, {}::2, {}::2", ry, rx), 1, 0);
			}
		return phases;
	}

	/** Every input pixel times every tap in one product, then each phase sums its four taps, shifted. */
	private NDArray[][] phasesByMatrixProduct(Forward pass, NDArray x) {
		Shape s = x.getShape();
		long n = s.get(0), in = s.get(1), h = s.get(2), w = s.get(3);
		NDArray taps = x.transpose(0, 2, 3, 1)
				.reshape(n * h * w, in)
				.matMul(pass.param(weight).reshape(in, (long) out * 16))
				.reshape(n, h, w, out, 4, 4)
				.transpose(0, 3, 4, 5, 1, 2); // [n, out, ky, kx, h, w]
		NDArray[][] phases = new NDArray[2][2];
		for (int ry = 0; ry < 2; ry++)
			for (int rx = 0; rx < 2; rx++) {
				NDArray sum = null;
				for (int a = 0; a < 2; a++)
					for (int b = 0; b < 2; b++) {
						NDArray tap = shifted(
								taps.get(":, :, {}, {}", TAPS[ry][a], TAPS[rx][b]), SHIFTS[ry][a], SHIFTS[rx][b], h, w);
						sum = sum == null ? tap : sum.add(tap);
					}
				phases[ry][rx] = sum;
			}
		return phases;
	}

	/** out[m] = c[m − shift] along both spatial axes, zero where that falls outside. */
	private static NDArray shifted(NDArray c, int sy, int sx, long h, long w) {
		if (sy == 0 && sx == 0) return c;
		NDArray padded = c.pad(new Shape(sx == 1 ? 1 : 0, sx == -1 ? 1 : 0, sy == 1 ? 1 : 0, sy == -1 ? 1 : 0), 0);
		int y0 = sy == -1 ? 1 : 0, x0 = sx == -1 ? 1 : 0;
		return padded.get(":, :, {}:{}, {}:{}", y0, y0 + h, x0, x0 + w);
	}

	@Override
	public void tensors(String prefix, List<Tensor> out) {
		out.add(new Tensor(prefix + "weight", weight, true));
	}

	@Override
	public void initialize(WeightInit init) {
		init.normal(weight, 0);
	}
}
