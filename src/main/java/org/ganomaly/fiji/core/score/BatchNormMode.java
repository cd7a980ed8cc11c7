package org.ganomaly.fiji.core.score;

import org.ganomaly.fiji.core.choice.Word;

/** Which BatchNorm statistics the generator uses while scoring ({@code running} or {@code batch}). */
public enum BatchNormMode implements Word {
	/** Eval mode: the stored running statistics. A score depends on its image alone. */
	RUNNING_STATISTICS("running"),
	/**
	 * The reference test(): statistics of the current batch, so a score depends on the images it is batched
	 * with. Kept only to reproduce the reference's figures.
	 */
	BATCH_STATISTICS("batch");

	private final String word;

	BatchNormMode(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
