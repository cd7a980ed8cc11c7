package org.ganomaly.fiji.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * Image files, one image each, opened one at a time: the image files of a folder (not its subfolders, in file-name
 * order), or the files a text file lists (in its order). Files that cannot be used are skipped and listed, or stop
 * the run, as the {@link UnreadableFilePolicy} says.
 */
public final class FileSource implements ImageSource {

	private final String name;
	/** What the files are, in messages: "folder '/data/normal'" or "file list '/data/normal.txt'". */
	private final String description;

	private final Path folder;
	private final List<Path> listed;
	private final UnreadableFilePolicy policy;

	private FileSource(String name, String description, Path folder, List<Path> listed, UnreadableFilePolicy policy) {
		this.name = name;
		this.description = description;
		this.folder = folder;
		this.listed = listed;
		this.policy = policy;
	}

	/** The image files of a folder, as {@link FileImages#listImageFiles(Path)} finds them when they are read. */
	public static FileSource folder(Path folder, UnreadableFilePolicy policy) {
		Path name = folder.getFileName();
		return new FileSource(
				name != null ? name.toString() : folder.toString(), "folder '" + folder + "'", folder, null, policy);
	}

	/**
	 * The files a text file lists, one path per line; relative paths are relative to the list's folder, and blank
	 * lines and lines starting with '#' are left out.
	 *
	 * @throws IllegalArgumentException if the list cannot be read or lists nothing
	 */
	public static FileSource listed(Path list, UnreadableFilePolicy policy) {
		List<String> lines;
		try {
			lines = Files.readAllLines(list, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalArgumentException(
					"The file list '" + list + "' cannot be read (" + e.getMessage()
							+ "). Choose a text file with one image file per line.",
					e);
		}
		Path base = list.toAbsolutePath().getParent();
		List<Path> files = new ArrayList<>();
		for (String line : lines) {
			String entry = line.strip();
			if (entry.isEmpty() || entry.startsWith("#")) continue;
			files.add(base.resolve(entry).normalize());
		}
		if (files.isEmpty())
			throw new IllegalArgumentException("The file list '" + list + "' names no files. Write one image file "
					+ "per line (paths relative to the list's folder, or absolute).");
		String fileName = list.getFileName().toString();
		return new FileSource(fileName, "file list '" + list + "'", null, List.copyOf(files), policy);
	}

	@Override
	public String name() {
		return name;
	}

	/** 3 if the first usable file is RGB, else 1. */
	@Override
	public int defaultChannels() {
		for (Path file : files()) {
			try {
				return ImageFiles.open(file).getBitDepth() == 24 ? 3 : 1;
			} catch (IllegalArgumentException e) {
				// unusable: the policy deals with it when the images are read
			}
		}
		return 1;
	}

	@Override
	public boolean imagesAreFiles() {
		return true;
	}

	@Override
	public Images images(ImageShape shape, Sampling sampling) {
		FileImages files = open(shape, sampling);
		Iterator<SourceImage> images = new Iterator<>() {
			@Override
			public boolean hasNext() {
				return files.hasNext();
			}

			@Override
			public SourceImage next() {
				FileImage image = files.next();
				return new SourceImage(image.sampler(), image.file());
			}
		};
		return new Images(images, files.fileCount(), () -> skipped(files));
	}

	@Override
	public IntensityRange estimateRange(ImageShape shape, Sampling sampling) {
		FileImages files = open(shape, sampling);
		try {
			return IntensityRangeEstimator.estimate(files);
		} catch (IllegalStateException nothing) {
			// Every file was left out: say which and why, rather than that no image reached the estimate.
			throw new IllegalArgumentException(
					"None of the images in " + description + " can be used for training. "
							+ (files.skippedWarning() == null ? "" : files.skippedWarning() + "\n")
							+ "Choose images that fit the "
							+ "model (image size, channels, sampling), or change those settings.",
					nothing);
		}
	}

	@Override
	public SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings) {
		FileImages files = open(shape, sampling);
		SampleSet set = files.collect(range);
		String skipped = skipped(files);
		if (skipped != null) warnings.accept(skipped);
		return set;
	}

	/** The warning about skipped files, naming where they are; null when none was skipped. */
	private String skipped(FileImages files) {
		String warning = files.skippedWarning();
		return warning == null
				? null
				: Character.toUpperCase(description.charAt(0)) + description.substring(1) + ": " + warning;
	}

	private List<Path> files() {
		return folder != null ? FileImages.listImageFiles(folder) : listed;
	}

	private FileImages open(ImageShape shape, Sampling sampling) {
		return new FileImages(files(), shape, sampling, policy);
	}
}
