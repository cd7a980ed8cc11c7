package org.ganomaly.fiji.core.train;

/**
 * Training hyperparameters. {@link #defaults()} are the reference code's (batch 64, 15 epochs, Adam 2e-4 with
 * β = (0.5, 0.999), loss weights adversarial 1, contextual 50, encoder 1).
 *
 * @param preciseBatchNormBatches after each epoch, the generator's BatchNorm running statistics are recomputed
 *            as the exact average over this many training batches (0: keep PyTorch's running averages)
 * @param selection which epoch's weights the model keeps
 * @param thresholdQuantile the quantile of normal scores used as the default anomaly threshold
 */
public record TrainingConfig(int batchSize, int epochs, double learningRate, double beta1, double beta2,
	double weightAdversarial, double weightContextual, double weightEncoder, long seed, int preciseBatchNormBatches,
	EpochSelection selection, double thresholdQuantile) {

	public TrainingConfig {
		if (batchSize < 2)
			throw new IllegalArgumentException("Batch size must be at least 2 (BatchNorm needs batch statistics), not "
				+ batchSize + ".");
		if (epochs < 1)
			throw new IllegalArgumentException("Epochs must be at least 1, not " + epochs + ".");
		if (!(learningRate > 0) || !Double.isFinite(learningRate))
			throw new IllegalArgumentException("Learning rate must be positive, not " + learningRate + ".");
		if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
			throw new IllegalArgumentException("Adam betas must lie in [0, 1), not " + beta1 + ", " + beta2 + ".");
		if (weightAdversarial < 0 || weightContextual < 0 || weightEncoder < 0)
			throw new IllegalArgumentException("Loss weights cannot be negative.");
		if (preciseBatchNormBatches < 0)
			throw new IllegalArgumentException("Precise BatchNorm batches cannot be negative.");
		if (selection == null)
			throw new IllegalArgumentException("Epoch selection is required.");
		if (!(thresholdQuantile > 0 && thresholdQuantile < 1))
			throw new IllegalArgumentException("Threshold quantile must lie strictly between 0 and 1, not "
				+ thresholdQuantile + ".");
	}

	public static TrainingConfig defaults() {
		return new TrainingConfig(64, 15, 2e-4, 0.5, 0.999, 1, 50, 1, 0, 200, EpochSelection.MIN_VALIDATION_SCORE, 0.99);
	}

	public TrainingConfig withEpochs(int value) {
		return new TrainingConfig(batchSize, value, learningRate, beta1, beta2, weightAdversarial, weightContextual,
			weightEncoder, seed, preciseBatchNormBatches, selection, thresholdQuantile);
	}

	public TrainingConfig withBatchSize(int value) {
		return new TrainingConfig(value, epochs, learningRate, beta1, beta2, weightAdversarial, weightContextual,
			weightEncoder, seed, preciseBatchNormBatches, selection, thresholdQuantile);
	}

	public TrainingConfig withSeed(long value) {
		return new TrainingConfig(batchSize, epochs, learningRate, beta1, beta2, weightAdversarial, weightContextual,
			weightEncoder, value, preciseBatchNormBatches, selection, thresholdQuantile);
	}

	public TrainingConfig withSelection(EpochSelection value) {
		return new TrainingConfig(batchSize, epochs, learningRate, beta1, beta2, weightAdversarial, weightContextual,
			weightEncoder, seed, preciseBatchNormBatches, value, thresholdQuantile);
	}

	public TrainingConfig withPreciseBatchNormBatches(int value) {
		return new TrainingConfig(batchSize, epochs, learningRate, beta1, beta2, weightAdversarial, weightContextual,
			weightEncoder, seed, value, selection, thresholdQuantile);
	}
}
