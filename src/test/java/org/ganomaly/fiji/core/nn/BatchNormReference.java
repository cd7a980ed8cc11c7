package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * BatchNorm2d's training pass written out in double precision, for tests and bench/KernelCheck: output, the
 * gradients for an upstream gradient g, and the running statistics after one update from zero mean and unit
 * variance with PyTorch's momentum 0.1 (unbiased variance):
 * y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + ε) over (N, H, W); dx = γ/√(σ² + ε)·(g − mean g − x̂·mean(g·x̂)).
 * {@link #onLibtorch} computes the same quantities with the plugin's BatchNorm2d.
 */
public final class BatchNormReference {

	private static final double EPS = 1e-5, MOMENTUM = 0.1;
	public final double[] y, dx, dGamma, dBeta, runningMean, runningVar;

	public BatchNormReference(float[] x, float[] g, float[] gamma, float[] beta, int n, int c, int plane) {
		y = new double[x.length];
		dx = new double[x.length];
		dGamma = new double[c];
		dBeta = new double[c];
		runningMean = new double[c];
		runningVar = new double[c];
		int count = n * plane;
		for (int ch = 0; ch < c; ch++) {
			double mean = 0, var = 0;
			for (int i : indices(ch, n, c, plane)) mean += x[i];
			mean /= count;
			for (int i : indices(ch, n, c, plane)) var += (x[i] - mean) * (x[i] - mean);
			double biased = var / count, invStd = 1 / Math.sqrt(biased + EPS);
			double meanG = 0, meanGXhat = 0;
			for (int i : indices(ch, n, c, plane)) {
				double xHat = (x[i] - mean) * invStd;
				y[i] = gamma[ch] * xHat + beta[ch];
				dGamma[ch] += g[i] * xHat;
				dBeta[ch] += g[i];
				meanG += g[i];
				meanGXhat += g[i] * xHat;
			}
			meanG /= count;
			meanGXhat /= count;
			for (int i : indices(ch, n, c, plane))
				dx[i] = gamma[ch] * invStd * (g[i] - meanG - (x[i] - mean) * invStd * meanGXhat);
			runningMean[ch] = MOMENTUM * mean;
			runningVar[ch] = (1 - MOMENTUM) + MOMENTUM * var / (count - 1);
		}
	}

	private static int[] indices(int ch, int n, int c, int plane) {
		int[] out = new int[n * plane];
		for (int b = 0, k = 0; b < n; b++) for (int p = 0; p < plane; p++) out[k++] = (b * c + ch) * plane + p;
		return out;
	}

	/**
	 * The plugin's BatchNorm2d on x [n, c, h, w] in a training pass: output, input gradient, γ and β gradients
	 * for upstream g, running mean and variance after the pass.
	 */
	public static float[][] onLibtorch(int n, int c, int h, int w, float[] x, float[] g, float[] gamma, float[] beta) {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			BatchNorm2d layer = new BatchNorm2d(manager, c);
			List<Tensor> tensors = new ArrayList<>();
			layer.tensors("", tensors);
			tensors.get(0).array().set(gamma);
			tensors.get(1).array().set(beta);
			NDArray input = manager.create(x, new Shape(n, c, h, w));
			input.setRequiresGradient(true);
			float[] y = LayerPass.forwardAndBackward(layer, manager, input, g);
			return new float[][] {
				y,
				input.getGradient().toFloatArray(),
				tensors.get(0).array().getGradient().toFloatArray(),
				tensors.get(1).array().getGradient().toFloatArray(),
				tensors.get(2).array().toFloatArray(),
				tensors.get(3).array().toFloatArray()
			};
		}
	}
}
