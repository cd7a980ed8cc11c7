package org.ganomaly.fiji.core.choice;

/** Where ROC Evaluation reads which samples are abnormal: from a pattern in their labels, or from a column of the table. */
public enum TruthOrigin implements Word {
	LABELS("labels"),
	COLUMN("column");

	private final String word;

	TruthOrigin(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
