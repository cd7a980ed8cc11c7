package org.ganomaly.fiji.core.train;

import org.ganomaly.fiji.core.choice.Word;
import org.ganomaly.fiji.core.choice.Words;

/**
 * Which epoch's weights a training run keeps. Neither rule looks at abnormal images. Each has one word, the one
 * Train GANomaly's {@code keep_epoch}, the model file and the benchmarks use.
 */
public enum EpochSelection implements Word {
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

	@Override
	public String word() {
		return word;
	}

	/** The rule a word names (Train GANomaly's key {@code keep_epoch}). */
	public static EpochSelection of(String word) {
		return Words.parse("keep_epoch", word, EpochSelection.class);
	}
}
