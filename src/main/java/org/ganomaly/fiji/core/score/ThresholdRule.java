package org.ganomaly.fiji.core.score;

import org.ganomaly.fiji.core.choice.Word;

/** Which scores are called anomalous (Score Stack's and the Spark job's threshold rule). */
public enum ThresholdRule implements Word {
	/** Latent score above the model's threshold (a quantile of validation normals' scores). */
	MODEL("model"),
	/** Latent score above a given threshold. */
	LATENT("latent"),
	/** The paper's rule: the latent score min-max scaled over the scored set is at least a given threshold. */
	MIN_MAX("min-max");

	private final String word;

	ThresholdRule(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}

	/**
	 * Whether a sample is anomalous by this rule.
	 *
	 * @param scaled the latent score min-max scaled over the scored set
	 * @param byModel whether the model's calibration calls the latent score anomalous
	 * @param threshold the threshold of the latent and min-max rules
	 */
	public boolean anomalous(double latent, double scaled, boolean byModel, double threshold) {
		return switch (this) {
			case MODEL -> byModel;
			case LATENT -> latent > threshold;
			case MIN_MAX -> scaled >= threshold;
		};
	}
}
