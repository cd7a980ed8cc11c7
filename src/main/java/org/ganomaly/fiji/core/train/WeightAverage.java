package org.ganomaly.fiji.core.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.nn.Tensor;

/**
 * An exponential moving average of a network's trainable parameters (Polyak averaging, as in Yazıcı et al.,
 * "The unusual effectiveness of averaging in GAN training", ICLR 2019), kept on the parameters' device. The
 * decay after t updates is min(0.5^(1/halfLife), (1 + t) / (10 + t)): the ramp forgets the random initial
 * weights at once and, while it is the smaller term, makes the average one over the whole run so far with half
 * its weight on the last ~8 % of the updates. The ramp governs until t ≈ 1.44 · 9 · halfLife (at a half-life of
 * one 45-iteration epoch: the first 577 updates); only then does the half-life bound the average's memory.
 */
final class WeightAverage implements AutoCloseable {

	private final List<Tensor> parameters;
	private final double decay;
	private final NDArray[] averaged;
	private long updates;

	/** @param halfLife the number of updates after which an update's weight in the average has halved */
	WeightAverage(List<Tensor> parameters, double halfLife) {
		if (!(halfLife > 0))
			throw new IllegalArgumentException("Weight-averaging half-life must be positive, not " + halfLife + ".");
		this.parameters = parameters;
		this.decay = Math.pow(0.5, 1 / halfLife);
		this.averaged = new NDArray[parameters.size()];
		for (int i = 0; i < averaged.length; i++)
			averaged[i] = parameters.get(i).array().duplicate();
	}

	/** Moves the average towards the current parameters; call after each optimizer step. */
	void update() {
		updates++;
		float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
		for (int i = 0; i < averaged.length; i++) {
			try (NDArray share = parameters.get(i).array().mul(1 - d)) {
				averaged[i].muli(d).addi(share);
			}
		}
	}

	/**
	 * Exchanges the contents of the live parameters and the average: after one call the network holds the
	 * average (to validate or save it), after a second the live weights again (to train on).
	 */
	void exchange() {
		for (int i = 0; i < averaged.length; i++) {
			NDArray live = parameters.get(i).array();
			try (NDArray kept = live.duplicate()) {
				averaged[i].copyTo(live);
				kept.copyTo(averaged[i]);
			}
		}
	}

	/** Host copy of the state: "updates", and the other side of {@link #exchange()} per parameter name. */
	Map<String, float[]> state() {
		Map<String, float[]> out = new LinkedHashMap<>();
		out.put("updates", SavedState.countValues(updates));
		for (int i = 0; i < averaged.length; i++) out.put(parameters.get(i).name(), averaged[i].toFloatArray());
		return out;
	}

	void restore(Map<String, float[]> state) {
		long count = SavedState.count(state, "updates", "Weight-average state", "update count");
		for (int i = 0; i < averaged.length; i++)
			SavedState.load(state, parameters.get(i).name(), "Weight-average state", averaged[i]);
		updates = count;
	}

	@Override
	public void close() {
		for (NDArray a : averaged) a.close();
	}
}
