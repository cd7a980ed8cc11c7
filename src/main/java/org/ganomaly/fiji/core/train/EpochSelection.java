package org.ganomaly.fiji.core.train;

/** Which epoch's weights a training run keeps. Neither rule looks at abnormal images. */
public enum EpochSelection {
	/** The last completed epoch. */
	LAST,
	/**
	 * The epoch whose validation normals have the lowest mean latent score: the encoder pair agrees best on
	 * unseen normal images. Falls back to {@link #LAST} without a validation set.
	 */
	MIN_VALIDATION_SCORE,
	/**
	 * The epoch whose latent scores best tell validation normals from damaged copies of them (the highest
	 * proxy AUC, see SyntheticAnomalies). Falls back to {@link #LAST} without a validation set.
	 */
	MAX_PROXY_AUC
}
