package org.ganomaly.fiji.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.engine.ConvolutionCheck;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.ConvolutionSpec;
import org.ganomaly.fiji.core.nn.BatchNormReference;
import org.ganomaly.fiji.core.nn.Layer;
import org.ganomaly.fiji.core.nn.LayerPass;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.nn.Tensor;
import org.ganomaly.fiji.core.nn.TransposedConv2d;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.AdamOptimizer;

/**
 * Every operation GANomaly's networks use, on the shapes where oneDNN failed on an AMD EPYC (nf 8 and 12, image
 * sizes 16 and 32, batch 8 and 16, nz 16) plus the default network (nf 64, nz 100, 32×32, batch 16), each against
 * an independent reference in double precision, at 1 and 2 libtorch threads, each run twice (are the results
 * repeatable?). Convolutions: forward, input and weight gradients against the definition; the transposed
 * convolutions (projection, 2×2-convolution and matrix-product paths) against ConvTranspose2d's definition;
 * BatchNorm2d in training mode; three Adam steps. Runs on the kernels -Dganomaly.convolutions selects (see
 * bench/kernels.sh, which runs it with onednn-unchecked and aten side by side). One TSV line per check:
 * kernels, threads, network, op, shape, quantity, error (largest difference over the largest reference value; NaN when
 * not finite), repeatable. Convolutions come in the order a forward pass first meets them.
 */
public final class KernelCheck {

	private static String kernels;
	/** The network whose layers are being checked, e.g. "nf12 16px b8". */
	private static String network;
	/** The CPU as the plugin runs it, its kernels chosen and checked once for the whole run. */
	private static DeviceRuntime cpu;

	public static void main(String[] args) {
		cpu = DeviceRuntime.cpu();
		kernels = System.getProperty(ConvolutionKernels.PROPERTY, "auto");
		System.out.println("# " + cpu.kernels().describe());
		System.out.println("kernels\tthreads\tnetwork\top\tshape\tquantity\terror\trepeatable");
		List<NetworkConfig> networks = new ArrayList<>();
		for (int nf : new int[] {8, 12})
			for (int size : new int[] {16, 32}) networks.add(new NetworkConfig(new ImageShape(1, size), 16, nf, 0));
		for (int threads : new int[] {1, 2}) {
			JniUtils.setNumThreads(threads);
			for (NetworkConfig network : networks)
				for (int batch : new int[] {8, 16}) checkNetwork(network, batch, threads);
			checkNetwork(NetworkConfig.defaults(new ImageShape(1, 32)), 16, threads);
		}
	}

	private static void checkNetwork(NetworkConfig network, int batch, int threads) {
		KernelCheck.network = "nf" + network.nf() + " nz" + network.nz() + " "
				+ network.image().size() + "px b" + batch;
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(network, cpu, 0)) {
			for (ConvolutionSpec spec : nets.convolutions()) {
				ConvolutionSpec s = spec.withBatch(batch);
				ConvolutionCheck.Errors first =
						ConvolutionCheck.measure(s, Device.cpu(), s.hashCode(), ConvolutionCheck.Reference.DEFINITION);
				ConvolutionCheck.Errors second =
						ConvolutionCheck.measure(s, Device.cpu(), s.hashCode(), ConvolutionCheck.Reference.DEFINITION);
				boolean same = first.equals(second);
				String shape = s.batch() + "x" + s.in() + "x" + s.height() + "x" + s.width() + ">" + s.out() + " k"
						+ s.kernel() + "s" + s.stride() + "p" + s.padding();
				print(threads, "conv2d", shape, "forward", first.forward(), same);
				print(threads, "conv2d", shape, "input gradient", first.inputGradient(), same);
				print(threads, "conv2d", shape, "weight gradient", first.weightGradient(), same);
			}
		}
		// The decoder's transposed convolutions, and the BatchNorm layers of both networks, at this batch.
		int size = network.image().size(), nf = network.nf(), width = nf / 2;
		for (int s = 4; s != size; s *= 2) width *= 2;
		checkTransposed(TransposedKind.project(network.nz(), width), batch, 1, threads);
		checkBatchNorm(batch, width, 4, threads);
		int h = 4;
		for (; h < size / 2; h *= 2, width /= 2) {
			checkTransposed(TransposedKind.upsample(width, width / 2), batch, h, threads);
			checkBatchNorm(batch, width / 2, 2 * h, threads);
		}
		checkTransposed(TransposedKind.upsample(width, network.image().channels()), batch, h, threads);
		for (int c = 2 * nf, s = size / 4; s >= 4; c *= 2, s /= 2) checkBatchNorm(batch, c, s, threads);
		checkAdam(network, threads);
	}

	private record TransposedKind(boolean project, int in, int out) {
		static TransposedKind project(int in, int out) {
			return new TransposedKind(true, in, out);
		}

		static TransposedKind upsample(int in, int out) {
			return new TransposedKind(false, in, out);
		}
	}

	/** ConvTranspose2d(in, out, 4, stride s, padding p) on [n, in, h, h] against its definition. */
	private static void checkTransposed(TransposedKind kind, int n, int h, int threads) {
		int stride = kind.project ? 1 : 2, pad = kind.project ? 0 : 1, k = 4;
		int oh = (h - 1) * stride - 2 * pad + k;
		SplittableRandom random = new SplittableRandom(n * 1000 + kind.in * 10 + kind.out);
		float[] x = uniform(random, n * kind.in * h * h, 1), w = uniform(random, kind.in * kind.out * k * k, 0.1);
		float[] g = uniform(random, n * kind.out * oh * oh, 1);
		double[] y = new double[n * kind.out * oh * oh], dx = new double[x.length], dw = new double[w.length];
		for (int b = 0; b < n; b++)
			for (int c = 0; c < kind.in; c++)
				for (int m = 0; m < h; m++)
					for (int q = 0; q < h; q++)
						for (int o = 0; o < kind.out; o++)
							for (int a = 0; a < k; a++)
								for (int e = 0; e < k; e++) {
									int i = m * stride - pad + a, j = q * stride - pad + e;
									if (i < 0 || i >= oh || j < 0 || j >= oh) continue;
									int xi = ((b * kind.in + c) * h + m) * h + q,
											wi = ((c * kind.out + o) * k + a) * k + e;
									int yi = ((b * kind.out + o) * oh + i) * oh + j;
									y[yi] += (double) x[xi] * w[wi];
									dx[xi] += (double) g[yi] * w[wi];
									dw[wi] += (double) g[yi] * x[xi];
								}
		float[][] first = transposedOnLibtorch(kind, n, h, x, w, g), second = transposedOnLibtorch(kind, n, h, x, w, g);
		boolean same = java.util.Arrays.deepEquals(first, second);
		String path =
				kind.project ? "convT projection" : kind.out <= 4 ? "convT matrix product" : "convT 2x2 convolutions";
		String shape = n + "x" + kind.in + "x" + h + "x" + h + ">" + kind.out;
		print(threads, path, shape, "forward", error(y, first[0]), same);
		print(threads, path, shape, "input gradient", error(dx, first[1]), same);
		print(threads, path, shape, "weight gradient", error(dw, first[2]), same);
	}

	private static float[][] transposedOnLibtorch(TransposedKind kind, int n, int h, float[] x, float[] w, float[] g) {
		try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
			TransposedConv2d layer = kind.project
					? TransposedConv2d.project(manager, kind.in, kind.out, 4)
					: TransposedConv2d.upsample(manager, kind.in, kind.out);
			NDArray weight = onlyTensor(layer).array();
			weight.set(w);
			NDArray input = manager.create(x, new Shape(n, kind.in, h, h));
			input.setRequiresGradient(true);
			float[] y = LayerPass.forwardAndBackward(layer, manager, input, g);
			return new float[][] {
				y, input.getGradient().toFloatArray(), weight.getGradient().toFloatArray()
			};
		}
	}

	private static void checkBatchNorm(int n, int c, int h, int threads) {
		SplittableRandom random = new SplittableRandom(n * 1000 + c * 10 + h);
		float[] x = uniform(random, n * c * h * h, 3), g = uniform(random, x.length, 1);
		float[] gamma = uniform(random, c, 1), beta = uniform(random, c, 1);
		BatchNormReference ref = new BatchNormReference(x, g, gamma, beta, n, c, h * h);
		float[][] first = BatchNormReference.onLibtorch(n, c, h, h, x, g, gamma, beta);
		float[][] second = BatchNormReference.onLibtorch(n, c, h, h, x, g, gamma, beta);
		boolean same = java.util.Arrays.deepEquals(first, second);
		String shape = n + "x" + c + "x" + h + "x" + h;
		double[][] expected = {ref.y, ref.dx, ref.dGamma, ref.dBeta, ref.runningMean, ref.runningVar};
		String[] names = {
			"forward", "input gradient", "gamma gradient", "beta gradient", "running mean", "running variance"
		};
		for (int i = 0; i < names.length; i++)
			print(threads, "batchnorm", shape, names[i], error(expected[i], first[i]), same);
	}

	/** Three Adam steps (lr 2e-4, β 0.5/0.999) on every generator parameter shape at once, against Adam written out. */
	private static void checkAdam(NetworkConfig network, int threads) {
		double lr = 2e-4, beta1 = 0.5, beta2 = 0.999, eps = 1e-8;
		int total = 0;
		try (NDManager probe = NDManager.newBaseManager(Device.cpu(), "PyTorch");
				GanomalyNetworks nets = GanomalyNetworks.initialized(network, cpu, 0)) {
			for (Tensor t : nets.netG().parameters()) total += (int) t.array().size();
		}
		SplittableRandom random = new SplittableRandom(total);
		float[] w0 = uniform(random, total, 0.1);
		float[][] grads = {uniform(random, total, 1), uniform(random, total, 0.01), uniform(random, total, 3)};
		double[] w = new double[total], m = new double[total], v = new double[total];
		for (int i = 0; i < total; i++) w[i] = w0[i];
		for (int step = 1; step <= grads.length; step++) {
			double rate = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
			for (int i = 0; i < total; i++) {
				double gi = grads[step - 1][i];
				m[i] = beta1 * m[i] + (1 - beta1) * gi;
				v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
				w[i] -= rate * m[i] / (Math.sqrt(v[i]) + eps);
			}
		}
		float[] first = adamOnLibtorch(w0, grads, lr, beta1, beta2),
				second = adamOnLibtorch(w0, grads, lr, beta1, beta2);
		// The update's size, not the weights', is what Adam computes: compare w − w0.
		double[] expected = new double[total];
		float[] actual = new float[total];
		for (int i = 0; i < total; i++) {
			expected[i] = w[i] - w0[i];
			actual[i] = first[i] - w0[i];
		}
		print(
				threads,
				"adam",
				total + " weights",
				"3 updates",
				error(expected, actual),
				java.util.Arrays.equals(first, second));
	}

	private static float[] adamOnLibtorch(float[] w0, float[][] grads, double lr, double beta1, double beta2) {
		try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
			NDArray weight = manager.create(w0, new Shape(w0.length));
			weight.setRequiresGradient(true);
			try (AdamOptimizer adam = new AdamOptimizer(List.of(new Tensor("w", weight, true)), lr, beta1, beta2)) {
				for (float[] g : grads) {
					try (GradientCollector collector =
							Engine.getEngine("PyTorch").newGradientCollector()) {
						collector.backward(weight.mul(manager.create(g, new Shape(g.length)))
								.sum());
					}
					adam.step();
				}
			}
			return weight.toFloatArray();
		}
	}

	private static Tensor onlyTensor(Layer layer) {
		List<Tensor> tensors = new ArrayList<>();
		layer.tensors("", tensors);
		return tensors.get(0);
	}

	private static double error(double[] expected, float[] actual) {
		double[] values = new double[actual.length];
		for (int i = 0; i < actual.length; i++) values[i] = actual[i];
		return ConvolutionCheck.error(expected, values);
	}

	private static void print(int threads, String op, String shape, String quantity, double error, boolean same) {
		System.out.printf(
				Locale.ROOT,
				"%s\t%d\t%s\t%s\t%s\t%s\t%.3g\t%s%n",
				kernels,
				threads,
				network,
				op,
				shape,
				quantity,
				error,
				same ? "yes" : "no");
	}

	private static float[] uniform(SplittableRandom random, int n, double scale) {
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = (float) random.nextDouble(-scale, scale);
		return out;
	}
}
