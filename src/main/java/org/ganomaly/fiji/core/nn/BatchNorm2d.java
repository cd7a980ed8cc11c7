package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/** torch.nn.BatchNorm2d (eps 1e-5, momentum 0.1, affine, tracking running statistics). */
public final class BatchNorm2d implements Layer {

	/** PyTorch's momentum convention: running = (1 − m)·running + m·batch. */
	public static final float DEFAULT_MOMENTUM = 0.1f;

	private static final float EPS = 1e-5f;

	private final NDArray gamma;
	private final NDArray beta;
	private final NDArray runningMean;
	private final NDArray runningVar;

	public BatchNorm2d(NDManager manager, int channels) {
		Shape shape = new Shape(channels);
		gamma = Parameters.create(manager, shape);
		beta = Parameters.create(manager, shape);
		runningMean = Parameters.buffer(manager, shape, 0);
		runningVar = Parameters.buffer(manager, shape, 1);
	}

	@Override
	public NDArray forward(Forward pass, NDArray x) {
		// DJL's momentum is 1 − PyTorch's.
		// In reduced precision the running statistics are cast copies; they are only read there (inference).
		boolean full = pass.precision() == runningMean.getDataType();
		NDArray mean = full ? runningMean : pass.param(runningMean);
		NDArray var = full ? runningVar : pass.param(runningVar);
		return BatchNorm.batchNorm(
						x,
						mean,
						var,
						pass.param(gamma),
						pass.param(beta),
						-1,
						1 - pass.runningStatsMomentum(),
						EPS,
						pass.batchStatistics())
				.singletonOrThrow();
	}

	@Override
	public void tensors(String prefix, List<Tensor> out) {
		out.add(new Tensor(prefix + "weight", gamma, true));
		out.add(new Tensor(prefix + "bias", beta, true));
		out.add(new Tensor(prefix + "running_mean", runningMean, false));
		out.add(new Tensor(prefix + "running_var", runningVar, false));
	}

	@Override
	public void initialize(WeightInit init) {
		init.normal(gamma, 1);
		init.constant(beta, 0);
	}
}
