package org.ganomaly.fiji.core.choice;

/** The network's channels: chosen from the images (3 for RGB, else 1), 1 (grey) or 3 (colour). */
public enum ChannelChoice implements Word {
	AUTO("auto"),
	GREY("1"),
	COLOUR("3");

	private final String word;

	ChannelChoice(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
