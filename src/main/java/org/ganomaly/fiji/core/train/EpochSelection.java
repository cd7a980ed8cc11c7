package org.ganomaly.fiji.core.train;

import java.util.Locale;

/**
 * Which epoch's weights a training run keeps. Neither rule looks at abnormal images. Each has one word, the one
 * Train GANomaly's {@code keep_epoch}, the model file and the benchmarks use.
 */
public enum EpochSelection {
	/** The last completed epoch. */
	LAST("last"),
	/**
	 * The epoch whose validation normals have the lowest mean latent score: the encoder pair agrees best on
	 * unseen normal images. Falls back to {@link #LAST} without a validation set.
	 */
	MIN_VALIDATION_SCORE("best"),
	/**
	 * The epoch whose latent scores best tell validation normals from damaged copies of them (the highest
	 * proxy AUC, see SyntheticAnomalies). Falls back to {@link #LAST} without a validation set.
	 */
	MAX_PROXY_AUC("proxy");

	private final String word;

	EpochSelection(String word) {
		this.word = word;
	}

	public String word() {
		return word;
	}

	/** The rule a word names. */
	public static EpochSelection of(String word) {
		for (EpochSelection selection : values())
			if (selection.word.equals(word.trim().toLowerCase(Locale.ROOT))) return selection;
		throw new IllegalArgumentException("Keep epoch must be best, proxy or last, not '" + word + "'.");
	}
}
