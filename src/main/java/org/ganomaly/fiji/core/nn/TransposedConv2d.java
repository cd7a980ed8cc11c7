package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

import java.util.List;

/**
 * torch.nn.ConvTranspose2d without bias, for the two shapes GANomaly uses, built from ops the PyTorch engine
 * supports (DJL's Conv2dTranspose throws there). Weight layout is PyTorch's: [in, out, k, k].
 * <ul>
 * <li>{@link Kind#PROJECT}: kernel k, stride 1, padding 0 on a 1×1 input, i.e. a matrix product
 * [N, in] × [in, out·k·k].</li>
 * <li>{@link Kind#UPSAMPLE}: kernel 4, stride 2, padding 1. Output pixel (2m + r) only meets kernel taps of
 * one parity, so the output is exactly four 2×2 convolutions of the once-padded input (one per output phase
 * (ry, rx)), interleaved: no multiplication by an inserted zero.</li>
 * </ul>
 */
public final class TransposedConv2d implements Layer {

	public enum Kind {
		PROJECT, UPSAMPLE
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

	private NDArray upsample(Forward pass, NDArray x) {
		Shape s = x.getShape();
		long n = s.get(0), h = s.get(2), w = s.get(3);
		// Phase (ry, rx) of the output uses the flipped kernel's taps [ry::2, rx::2] as a 2×2 correlation.
		NDArray flipped = pass.param(weight).transpose(1, 0, 2, 3).flip(2, 3);
		NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
		NDArray[] rows = new NDArray[2];
		for (int ry = 0; ry < 2; ry++) {
			NDArray[] phases = new NDArray[2];
			for (int rx = 0; rx < 2; rx++) {
				NDArray k = flipped.get(":, :, {}::2, {}::2", ry, rx);
				NDArray window = padded.get(":, :, {}:{}, {}:{}", ry, ry + h + 1, rx, rx + w + 1);
				phases[rx] = Conv2d.conv2d(window, k).singletonOrThrow();
			}
			rows[ry] = NDArrays.stack(new NDList(phases), 4); // [n, out, h, w, rx]
		}
		return NDArrays.stack(new NDList(rows), 3).reshape(n, out, 2 * h, 2 * w); // [n, out, h, ry, w, rx]
	}

	/** The weight, [in, out, k, k]. */
	NDArray parametersForTest() {
		return weight;
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
