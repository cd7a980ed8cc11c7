package org.ganomaly.fiji.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded split of normal images into training and validation parts. The validation normals are never
 * trained on: they choose the epoch to keep and calibrate the scores.
 */
public record ValidationSplit(SampleSet training, SampleSet validation) {

	/**
	 * @param fraction share of samples held out, in [0, 0.9]; 0 gives no validation set (null)
	 */
	public static ValidationSplit of(SampleSet all, double fraction, long seed) {
		if (!(fraction >= 0 && fraction <= 0.9))
			throw new IllegalArgumentException("Validation fraction must lie in [0, 0.9], not " + fraction + ".");
		int held = (int) Math.round(all.size() * fraction);
		if (held == 0) return new ValidationSplit(all, null);
		int[] order = Permutations.shuffled(all.size(), new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL));
		int[] validation = Arrays.copyOfRange(order, 0, held);
		int[] training = Arrays.copyOfRange(order, held, order.length);
		Arrays.sort(validation);
		Arrays.sort(training);
		return new ValidationSplit(new SampleSubset(all, training), new SampleSubset(all, validation));
	}
}
