package org.ganomaly.fiji.core.train;

/**
 * Training produced a loss or score that is not a finite number, so no model can be made from where it stands.
 * The message says where, and what to try.
 */
public final class TrainingDivergedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TrainingDivergedException(String message) {
		super(message);
	}
}
