package org.ganomaly.fiji.core.choice;

/** Where a command's images come from (the {@code source} keys): an open image, a folder of image files, or a text file listing image files. */
public enum ImageOrigin implements Word {
	IMAGE("image"),
	FOLDER("folder"),
	LIST("list");

	private final String word;

	ImageOrigin(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
