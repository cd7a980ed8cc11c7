package org.ganomaly.fiji.core.score;

/** Which BatchNorm statistics the generator uses while scoring. */
public enum BatchNormMode {
	/** Eval mode: the stored running statistics. A score depends on its image alone. */
	RUNNING_STATISTICS,
	/**
	 * The reference test(): statistics of the current batch, so a score depends on the images it is batched
	 * with. Kept only to reproduce the reference's figures.
	 */
	BATCH_STATISTICS
}
