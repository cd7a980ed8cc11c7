package org.ganomaly.fiji.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.nn.Tensor;

/**
 * Adam over one network's parameters through PyTorch's fused update (which also zeroes the gradients, as
 * optimizer.zero_grad() would). Unlike DJL's Adam it exposes its moments and step count, so a model file can
 * hold them and training can resume exactly.
 */
public final class AdamOptimizer implements AutoCloseable {

	private final List<Tensor> parameters;
	private final float learningRate;
	private final float beta1;
	private final float beta2;
	private final NDArray[] mean;
	private final NDArray[] variance;
	private long steps;

	public AdamOptimizer(List<Tensor> parameters, double learningRate, double beta1, double beta2) {
		this.parameters = parameters;
		this.learningRate = (float) learningRate;
		this.beta1 = (float) beta1;
		this.beta2 = (float) beta2;
		this.mean = new NDArray[parameters.size()];
		this.variance = new NDArray[parameters.size()];
		for (int i = 0; i < mean.length; i++) {
			mean[i] = parameters.get(i).array().zerosLike();
			variance[i] = parameters.get(i).array().zerosLike();
		}
	}

	/** One update from the accumulated gradients; gradients are zero afterwards. */
	public void step() {
		steps++;
		double coef1 = 1 - Math.pow(beta1, steps);
		double coef2 = 1 - Math.pow(beta2, steps);
		float correctedRate = (float) (learningRate * Math.sqrt(coef2) / coef1);
		for (int i = 0; i < mean.length; i++) {
			NDArray weight = parameters.get(i).array();
			try (NDArray grad = weight.getGradient()) {
				weight.getNDArrayInternal()
						.adamUpdate(
								new NDList(weight, grad, mean[i], variance[i]),
								new NDList(weight),
								learningRate,
								correctedRate,
								0f,
								1f,
								-1f,
								beta1,
								beta2,
								1e-8f,
								true,
								false);
			}
		}
	}

	/** Host copy of the optimizer state: "step", and per parameter name ".m" / ".v". */
	Map<String, float[]> state() {
		Map<String, float[]> out = new LinkedHashMap<>();
		out.put("step", SavedState.countValues(steps));
		for (int i = 0; i < mean.length; i++) {
			out.put(parameters.get(i).name() + ".m", mean[i].toFloatArray());
			out.put(parameters.get(i).name() + ".v", variance[i].toFloatArray());
		}
		return out;
	}

	void restore(Map<String, float[]> state) {
		long step = SavedState.count(state, "step", "Optimizer state", "step count");
		for (int i = 0; i < mean.length; i++) {
			String name = parameters.get(i).name();
			SavedState.load(state, name + ".m", "Optimizer state", mean[i]);
			SavedState.load(state, name + ".v", "Optimizer state", variance[i]);
		}
		steps = step;
	}

	@Override
	public void close() {
		for (int i = 0; i < mean.length; i++) {
			mean[i].close();
			variance[i].close();
		}
	}
}
