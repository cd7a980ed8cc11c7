package org.ganomaly.fiji.core.choice;

/** How images become samples: each image resized to the network's size, or cut into tiles of it. */
public enum SamplingKind implements Word {
	RESIZE("resize"),
	TILE("tile");

	private final String word;

	SamplingKind(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
