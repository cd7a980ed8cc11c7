package org.ganomaly.fiji.image;

import org.ganomaly.fiji.core.choice.Word;

/** What to do with a file in an image folder that cannot be used (not an image, wrong type, too small, NaN...). */
public enum UnreadableFilePolicy implements Word {
	/** Leave the file out and list it in a warning. */
	SKIP("skip"),
	/** Stop with an error naming the file. */
	STOP("stop");

	private final String word;

	UnreadableFilePolicy(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
