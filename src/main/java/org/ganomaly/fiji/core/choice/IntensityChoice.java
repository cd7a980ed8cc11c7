package org.ganomaly.fiji.core.choice;

/** How training chooses the intensity range that maps to the network's [-1, 1]: from the images, or given. */
public enum IntensityChoice implements Word {
	AUTO("auto"),
	GIVEN("given");

	private final String word;

	IntensityChoice(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
