package org.ganomaly.fiji.core.choice;

/** Where Train GANomaly's validation images come from: a split of the training images, an open image, a folder, a file list, or none. */
public enum ValidationOrigin implements Word {
	SPLIT("split"),
	IMAGE("image"),
	FOLDER("folder"),
	LIST("list"),
	NONE("none");

	private final String word;

	ValidationOrigin(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}

	/** Where a separate validation set's images come from; null for a split of the training images or none. */
	public ImageOrigin images() {
		return switch (this) {
			case IMAGE -> ImageOrigin.IMAGE;
			case FOLDER -> ImageOrigin.FOLDER;
			case LIST -> ImageOrigin.LIST;
			case SPLIT, NONE -> null;
		};
	}
}
