package org.ganomaly.fiji.core.score;

import org.ganomaly.fiji.core.choice.Word;

/** Which scores are called anomalous (Score Stack's and the Spark job's threshold rule). */
public enum ThresholdRule implements Word {
	/**
	 * The model's verdict: its combined score of latent score and anomaly map above the model's threshold
	 * ({@link Verdict}); the latent rule below for models without a verdict calibration.
	 */
	MODEL("model"),
	/** Latent score above the model's threshold (a quantile of validation normals' scores): the model rule before the
	 * combined score. */
	MODEL_LATENT("model-latent"),
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
	 * @param byVerdict the model's verdict ({@link Verdict})
	 * @param byModelLatent whether the model's calibration calls the latent score anomalous
	 * @param threshold the threshold of the latent and min-max rules
	 */
	public boolean anomalous(double latent, double scaled, boolean byVerdict, boolean byModelLatent, double threshold) {
		return switch (this) {
			case MODEL -> byVerdict;
			case MODEL_LATENT -> byModelLatent;
			case LATENT -> latent > threshold;
			case MIN_MAX -> scaled >= threshold;
		};
	}
}
