package org.ganomaly.fiji.core.choice;

/** Where ROC Evaluation's pixel-level masks come from: none, an open mask stack, or a folder of mask files. */
public enum MaskOrigin implements Word {
	NONE("none"),
	IMAGE("image"),
	FOLDER("folder");

	private final String word;

	MaskOrigin(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
