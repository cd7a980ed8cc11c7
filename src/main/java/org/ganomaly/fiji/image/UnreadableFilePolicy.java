package org.ganomaly.fiji.image;

/** What to do with a file in an image folder that cannot be used (not an image, wrong type, too small, NaN...). */
public enum UnreadableFilePolicy {
	/** Leave the file out and list it in a warning. */
	SKIP,
	/** Stop with an error naming the file. */
	STOP
}
