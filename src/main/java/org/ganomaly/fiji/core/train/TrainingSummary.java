package org.ganomaly.fiji.core.train;

import java.util.List;

/**
 * What a training run did.
 *
 * @param epochsCompleted epochs run to the end (fewer than asked when cancelled)
 * @param selectedEpoch the epoch whose weights the model holds (1-based)
 * @param selectionReason why that epoch, in words
 * @param cancelled whether the user stopped the run before its last epoch
 * @param divergence where and how the run diverged (a loss or validation score not finite), which stopped it;
 *            null when it did not
 * @param history per-epoch mean losses and validation scores
 * @param discriminatorResets how often errD fell below 1e-5 and D was re-initialised
 */
public record TrainingSummary(
		int epochsCompleted,
		int selectedEpoch,
		String selectionReason,
		boolean cancelled,
		String divergence,
		List<TrainingListener.Epoch> history,
		int discriminatorResets,
		int trainingSamples,
		int validationSamples,
		double seconds) {

	/**
	 * Why training cannot go on exactly from the weights this run kept, in words; null when it can: the run ended
	 * normally and kept its last epoch, so the optimizer's state matches the weights.
	 */
	public String whyNotContinuable() {
		if (cancelled) return "its training was cancelled part-way through epoch " + (epochsCompleted + 1);
		if (divergence != null) return "its training diverged (" + divergence + ")";
		if (selectedEpoch != epochsCompleted)
			return "it holds epoch " + selectedEpoch + " of " + epochsCompleted
					+ " (chosen by validation), not the last, which the optimizer state would continue";
		return null;
	}

	/** Whether the run ended before its last epoch, by the user's choice or because it diverged. */
	public boolean stoppedEarly() {
		return cancelled || divergence != null;
	}
}
