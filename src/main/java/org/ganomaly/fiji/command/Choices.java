package org.ganomaly.fiji.command;

import ij.ImagePlus;
import java.io.File;
import org.ganomaly.fiji.core.choice.ImageOrigin;
import org.ganomaly.fiji.core.choice.SamplingKind;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.image.FileSource;
import org.ganomaly.fiji.image.ImageSource;
import org.ganomaly.fiji.image.OpenImageSource;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

/**
 * The words of the commands' choice parameters, as constants for their annotations (one word each, so macros need no
 * brackets), and what some of them build. The vocabularies themselves, and their parsing, are in
 * {@code core.choice} and the enums that implement {@code Word}; ChoiceWordsTest checks that the annotations
 * offer exactly their words.
 */
public final class Choices {

	static final String IMAGE = "image";
	static final String FOLDER = "folder";
	static final String LIST = "list";
	static final String SPLIT = "split";
	static final String NONE = "none";
	static final String SKIP = "skip";
	static final String STOP = "stop";
	static final String RESIZE = "resize";
	static final String TILE = "tile";
	static final String AUTO = "auto";
	static final String GIVEN = "given";
	static final String CPU = "cpu";
	static final String GPU = "gpu";
	// The words of EpochSelection (annotations need constants).
	static final String BEST = "best";
	static final String LAST = "last";
	static final String PROXY = "proxy";

	/**
	 * The attribute that puts a parameter in a group of the ImageJ 1.x dialog, and the group of the settings most runs
	 * leave alone, which the dialog shows behind a "More settings" button so that it fits a small screen.
	 */
	public static final String GROUP = "group";

	public static final String MORE_SETTINGS = "more settings";

	/** The widget style of a text parameter that names an open results table or a CSV file. */
	public static final String TABLE_STYLE = "table or csv";

	private Choices() {}

	/**
	 * The open image, the folder or the file list a source choice names ({@code folder} holds the folder or the
	 * list file).
	 *
	 * @param role what the images are for, in messages ("training", "validation", "input")
	 */
	static ImageSource source(
			ImageOrigin origin, ImagePlus image, File folder, UnreadableFilePolicy unreadableFiles, String role) {
		if (origin == ImageOrigin.IMAGE) {
			if (image == null)
				throw new IllegalArgumentException("No " + role + " image is open. Open or select a stack of " + role
						+ " images, or take them from a folder.");
			return new OpenImageSource(image);
		}
		String what = origin == ImageOrigin.FOLDER ? "folder" : "file list";
		if (folder == null || folder.getPath().isBlank())
			throw new IllegalArgumentException("No " + role + " " + what + " was given. Choose the " + what + " of "
					+ role + " images, or take them from an open image.");
		return origin == ImageOrigin.FOLDER
				? FileSource.folder(folder.toPath(), unreadableFiles)
				: FileSource.listed(folder.toPath(), unreadableFiles);
	}

	/**
	 * The network's image side from its choice (macros and scripts may give any whole number, which the network
	 * checks).
	 */
	static Integer imageSize(String choice) {
		try {
			return Integer.parseInt(choice.strip());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("image_size must be 16, 32, 64, 128 or 256, not '" + choice + "'.");
		}
	}

	static Sampling sampling(SamplingKind kind, int stride) {
		return kind == SamplingKind.TILE ? Sampling.tile(stride) : Sampling.resize();
	}
}
