package org.ganomaly.fiji.core.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.score.MapSmoothing;

/**
 * Training hyperparameters. {@link #defaults()} train as the reference code (batch 64, 15 epochs, Adam 2e-4 with
 * β = (0.5, 0.999), loss weights adversarial 1, contextual 50, encoder 1); what differs is what is judged and
 * kept, each chosen on the MNIST bench (bench/RESULTS.md): precise BatchNorm statistics (200 batches), a moving
 * average of the generator's weights (half-life 1 epoch) and an epoch chosen on validation normals.
 *
 * @param preciseBatchNormBatches after each epoch, the generator's BatchNorm running statistics are recomputed
 *            as the exact average over this many training batches (0: keep PyTorch's running averages)
 * @param selection which epoch's weights the model keeps
 * @param averagingHalfLife the longest half-life, in epochs, of the moving average of the generator's weights that
 *            is validated and kept instead of the last iterate (0: no averaging, the reference's behaviour); early
 *            in a run the average's memory is shorter (see {@link WeightAverage})
 * @param thresholdQuantile the quantile of normal scores used as the default anomaly threshold
 * @param mapSmoothingSigma σ of the Gaussian smoothing of anomaly maps, in network pixels (0: none), applied to the
 *            normal maps of the pixel calibration and to every map scored with the model
 */
public record TrainingConfig(
		int batchSize,
		int epochs,
		double learningRate,
		double beta1,
		double beta2,
		double weightAdversarial,
		double weightContextual,
		double weightEncoder,
		long seed,
		int preciseBatchNormBatches,
		EpochSelection selection,
		double averagingHalfLife,
		double thresholdQuantile,
		double mapSmoothingSigma) {

	public TrainingConfig {
		if (batchSize < 2)
			throw new IllegalArgumentException(
					"Batch size must be at least 2 (BatchNorm needs batch statistics), not " + batchSize + ".");
		if (epochs < 1) throw new IllegalArgumentException("Epochs must be at least 1, not " + epochs + ".");
		if (!(learningRate > 0) || !Double.isFinite(learningRate))
			throw new IllegalArgumentException("Learning rate must be positive, not " + learningRate + ".");
		if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
			throw new IllegalArgumentException("Adam betas must lie in [0, 1), not " + beta1 + ", " + beta2 + ".");
		if (weightAdversarial < 0 || weightContextual < 0 || weightEncoder < 0)
			throw new IllegalArgumentException("Loss weights cannot be negative.");
		if (preciseBatchNormBatches < 0)
			throw new IllegalArgumentException("Precise BatchNorm batches cannot be negative.");
		if (selection == null) throw new IllegalArgumentException("Epoch selection is required.");
		if (!(averagingHalfLife >= 0) || !Double.isFinite(averagingHalfLife))
			throw new IllegalArgumentException("Weight-averaging half-life must be 0 (off) or a positive number of "
					+ "epochs, not " + averagingHalfLife + ".");
		if (averagingHalfLife > 0 && preciseBatchNormBatches == 0)
			throw new IllegalArgumentException("Weight averaging needs precise BatchNorm: the running statistics "
					+ "of the live weights do not fit the averaged ones. Set precise BatchNorm batches above 0, or the "
					+ "weight-averaging half-life to 0 (off).");
		if (!(thresholdQuantile > 0 && thresholdQuantile < 1))
			throw new IllegalArgumentException(
					"Threshold quantile must lie strictly between 0 and 1, not " + thresholdQuantile + ".");
		new MapSmoothing(mapSmoothingSigma);
	}

	/** How the anomaly maps are smoothed, in the pixel calibration made at the end of training and when scoring. */
	public MapSmoothing smoothing() {
		return new MapSmoothing(mapSmoothingSigma);
	}

	public static TrainingConfig defaults() {
		return new TrainingConfig(
				64, 15, 2e-4, 0.5, 0.999, 1, 50, 1, 0, 200, EpochSelection.MIN_VALIDATION_SCORE, 1, 0.99, 0);
	}

	/**
	 * The settings that shape the training run itself (not its length, nor what is judged and kept) that differ
	 * in {@code other}, each as "name was x, is y"; empty when a run with these settings can be continued exactly
	 * with {@code other}.
	 */
	public List<String> runSettingsChangedIn(TrainingConfig other) {
		List<String> changed = new ArrayList<>();
		compare(changed, "batch size", batchSize, other.batchSize);
		compare(changed, "learning rate", learningRate, other.learningRate);
		compare(changed, "Adam beta1", beta1, other.beta1);
		compare(changed, "Adam beta2", beta2, other.beta2);
		compare(changed, "adversarial weight", weightAdversarial, other.weightAdversarial);
		compare(changed, "contextual weight", weightContextual, other.weightContextual);
		compare(changed, "encoder weight", weightEncoder, other.weightEncoder);
		compare(changed, "seed", seed, other.seed);
		compare(changed, "weight-averaging half-life", averagingHalfLife, other.averagingHalfLife);
		return changed;
	}

	/** Advice for a run with these settings that diverged. */
	public String divergenceAdvice() {
		return String.format(
				Locale.ROOT,
				"Try a lower learning rate (this run: %s), a larger batch (%d) or another "
						+ "seed (%d), and check that the images are not constant or saturated.",
				plain(learningRate),
				batchSize,
				seed);
	}

	private static void compare(List<String> changed, String name, Number was, Number is) {
		if (!was.equals(is)) changed.add(name + " was " + plain(was) + ", is " + plain(is));
	}

	/** {@code n} without an exponent or trailing zeros ("0.0002", "1", "0.5"), as settings are shown to users. */
	static String plain(Number n) {
		return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
	}

	/** A builder starting from these settings: set what differs by name, then {@link Builder#build()}. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Settings by name, checked together when built. */
	public static final class Builder {

		private int batchSize, epochs, preciseBatchNormBatches;
		private double learningRate, beta1, beta2, weightAdversarial, weightContextual, weightEncoder;
		private double averagingHalfLife, thresholdQuantile, mapSmoothingSigma;
		private long seed;
		private EpochSelection selection;

		private Builder(TrainingConfig c) {
			batchSize = c.batchSize;
			epochs = c.epochs;
			learningRate = c.learningRate;
			beta1 = c.beta1;
			beta2 = c.beta2;
			weightAdversarial = c.weightAdversarial;
			weightContextual = c.weightContextual;
			weightEncoder = c.weightEncoder;
			seed = c.seed;
			preciseBatchNormBatches = c.preciseBatchNormBatches;
			selection = c.selection;
			averagingHalfLife = c.averagingHalfLife;
			thresholdQuantile = c.thresholdQuantile;
			mapSmoothingSigma = c.mapSmoothingSigma;
		}

		public Builder batchSize(int value) {
			batchSize = value;
			return this;
		}

		public Builder epochs(int value) {
			epochs = value;
			return this;
		}

		public Builder learningRate(double value) {
			learningRate = value;
			return this;
		}

		public Builder adamBetas(double first, double second) {
			beta1 = first;
			beta2 = second;
			return this;
		}

		public Builder lossWeights(double adversarial, double contextual, double encoder) {
			weightAdversarial = adversarial;
			weightContextual = contextual;
			weightEncoder = encoder;
			return this;
		}

		public Builder seed(long value) {
			seed = value;
			return this;
		}

		public Builder preciseBatchNormBatches(int value) {
			preciseBatchNormBatches = value;
			return this;
		}

		public Builder selection(EpochSelection value) {
			selection = value;
			return this;
		}

		public Builder averagingHalfLife(double value) {
			averagingHalfLife = value;
			return this;
		}

		public Builder thresholdQuantile(double value) {
			thresholdQuantile = value;
			return this;
		}

		/** σ of the anomaly maps' Gaussian smoothing in network pixels; 0 for none. */
		public Builder mapSmoothing(double sigma) {
			mapSmoothingSigma = sigma;
			return this;
		}

		/** @throws IllegalArgumentException if a setting is out of range */
		public TrainingConfig build() {
			return new TrainingConfig(
					batchSize,
					epochs,
					learningRate,
					beta1,
					beta2,
					weightAdversarial,
					weightContextual,
					weightEncoder,
					seed,
					preciseBatchNormBatches,
					selection,
					averagingHalfLife,
					thresholdQuantile,
					mapSmoothingSigma);
		}
	}
}
