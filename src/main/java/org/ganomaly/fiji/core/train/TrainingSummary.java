package org.ganomaly.fiji.core.train;

import java.util.List;

/**
 * What a training run did.
 *
 * @param epochsCompleted epochs run to the end (fewer than asked when cancelled)
 * @param selectedEpoch the epoch whose weights the model holds (1-based)
 * @param selectionReason why that epoch, in words
 * @param history per-epoch mean losses and validation scores
 * @param discriminatorResets how often errD fell below 1e-5 and D was re-initialised
 */
public record TrainingSummary(int epochsCompleted, int selectedEpoch, String selectionReason, boolean cancelled,
	List<TrainingListener.Epoch> history, int discriminatorResets, int trainingSamples, int validationSamples,
	double seconds) {
}
