package org.ganomaly.fiji.core.score;

/**
 * What a model's verdict is calibrated on besides its latent scores, learnt from the same normal images (held-out
 * validation normals when there are any) at the end of training. Each normal image has two pieces of evidence: its
 * latent score and its anomalous area (the pixels of its anomaly map above the model's pixel threshold); each is
 * turned into a rarity among the normals ({@link NormalTail}) and the image's combined value is the larger of the
 * two, the area's less an offset ({@link Verdict}). {@code combined} holds those combined values, so that its threshold (their {@code thresholdQuantile}
 * quantile) flags the intended share of normal images however the two pieces of evidence depend on each other.
 *
 * @param areas the normal images' anomalous areas (pixels)
 * @param combined the normal images' combined values; its threshold is the verdict's
 */
public record VerdictCalibration(Calibration areas, Calibration combined) {

	public VerdictCalibration {
		if (areas == null || combined == null)
			throw new IllegalArgumentException("A verdict calibration needs the areas' and the combined values'.");
	}
}
