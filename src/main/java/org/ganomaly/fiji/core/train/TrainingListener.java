package org.ganomaly.fiji.core.train;

import java.time.Duration;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/** Progress of a training run, and its cancellation (checked before every iteration). */
public interface TrainingListener {

	/** @param epoch and {@code iteration} count from 1 */
	record Iteration(
			int epoch,
			int epochs,
			int iteration,
			int iterationsPerEpoch,
			Losses losses,
			Duration elapsed,
			Duration remaining) {}

	/**
	 * @param validationScore mean latent score of the validation normals, NaN without a validation set
	 * @param proxyAuc how well latent scores tell validation normals from damaged copies of them
	 *            (SyntheticAnomalies), NaN without a validation set
	 * @param best whether this epoch is the one kept so far
	 * @param seconds time since training started
	 */
	record Epoch(
			int epoch,
			int epochs,
			Losses meanLosses,
			double validationScore,
			double proxyAuc,
			boolean best,
			double seconds) {}

	/** Training starts: its networks are made, checked and on their device. */
	default void started(GanomalyNetworks networks) {}

	default void iteration(Iteration report) {}

	default void epoch(Epoch report) {}

	default boolean cancelled() {
		return false;
	}

	TrainingListener NONE = new TrainingListener() {};
}
