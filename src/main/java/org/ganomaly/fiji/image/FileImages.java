package org.ganomaly.fiji.image;

import ij.ImagePlus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * Image files, opened one at a time: a folder's in file-name order, or a list's in its order. Only the image returned last is held here;
 * it can be collected once the next one is opened. A file that cannot be used — not openable, wrong type for the
 * model, too small for its tiles, or holding NaN/infinite values — is skipped and listed, or stops the iteration
 * with an error naming it, as the {@link UnreadableFilePolicy} says.
 */
public final class FileImages implements Iterator<FileImage> {

	/** File name extensions (lower case) of the formats ImageJ opens by itself. */
	public static final Set<String> EXTENSIONS =
			Set.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif", "pgm", "ppm", "pbm", "fits", "fit", "fts", "dcm");

	private final List<Path> files;
	private final ImageShape shape;
	private final Sampling sampling;
	private final UnreadableFilePolicy policy;
	private final List<String> skipped = new ArrayList<>();
	private int nextFile;
	private FileImage pending;

	/** The image files of {@code folder}, as {@link #listImageFiles(Path)} finds them. */
	public FileImages(Path folder, ImageShape shape, Sampling sampling, UnreadableFilePolicy policy) {
		this(listImageFiles(folder), shape, sampling, policy);
	}

	/** The given image files, in the given order. */
	public FileImages(List<Path> files, ImageShape shape, Sampling sampling, UnreadableFilePolicy policy) {
		this.files = List.copyOf(files);
		this.shape = shape;
		this.sampling = sampling;
		this.policy = policy;
	}

	/**
	 * The files in {@code folder} (not its subfolders) whose extension is one of {@link #EXTENSIONS}, sorted by
	 * name; hidden files (name starting with '.') are left out. Throws if the folder holds none.
	 */
	public static List<Path> listImageFiles(Path folder) {
		if (!Files.isDirectory(folder))
			throw new IllegalArgumentException(
					"'" + folder + "' is not a folder. Choose the folder holding the images.");
		List<Path> images;
		try (Stream<Path> entries = Files.list(folder)) {
			images = entries.filter(Files::isRegularFile)
					.filter(FileImages::isImageFileName)
					.sorted()
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list folder '" + folder + "': " + e.getMessage(), e);
		}
		if (images.isEmpty())
			throw new IllegalArgumentException("Folder '" + folder + "' holds no image files ("
					+ String.join(", ", EXTENSIONS.stream().sorted().toList()) + ").");
		return images;
	}

	private static boolean isImageFileName(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return !name.startsWith(".")
				&& dot > 0
				&& EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	public ImageShape shape() {
		return shape;
	}

	public int fileCount() {
		return files.size();
	}

	@Override
	public boolean hasNext() {
		while (pending == null && nextFile < files.size()) {
			Path file = files.get(nextFile++);
			try {
				pending = open(file);
			} catch (IllegalArgumentException e) {
				if (policy == UnreadableFilePolicy.STOP)
					throw new IllegalArgumentException(
							"Stopped at file '" + file + "': " + e.getMessage()
									+ " (Fix or remove the file, or choose to skip unusable files.)",
							e);
				skipped.add(file.getFileName() + ": " + e.getMessage());
			}
		}
		return pending != null;
	}

	@Override
	public FileImage next() {
		if (!hasNext()) throw new NoSuchElementException("No more images in the folder.");
		FileImage image = pending;
		pending = null;
		return image;
	}

	private FileImage open(Path file) {
		return open(file, shape, sampling);
	}

	/**
	 * One image file as a folder's files are opened: checked, labelled with its file name, its pixels checked for
	 * NaN and infinity (for jobs that take files one by one, such as the Spark job).
	 *
	 * @throws IllegalArgumentException naming the file and what is wrong with it, if it cannot be used
	 */
	public static FileImage open(Path file, ImageShape shape, Sampling sampling) {
		String name = file.getFileName().toString();
		ImagePlus imp = ImageFiles.open(file);
		ImageSampler sampler = ImageSampler.of(ImagePlusImage.wrap(imp).labelledByFile(name), shape, sampling);
		sampler.checkFinite();
		return new FileImage(file, sampler);
	}

	/** Where a sample of a folder comes from: its file, and its place there (its label is the file name). */
	public record Place(Path file, SampleInfo info) {}

	/** The samples of the remaining images, in file order, each with its {@link Place}. */
	public SampleStream<FileImage, FileImage, Place> samples(IntensityRange range) {
		return new SampleStream<>(
				this,
				image -> new SampleStream.Opened<>(image, new ImageSampleSet(image.sampler(), range)),
				(image, info) -> new Place(image.file(), info));
	}

	/**
	 * The remaining samples gathered into memory, e.g. for training. Throws if there are none, with the list of
	 * skipped files if any.
	 */
	public InMemorySampleSet collect(IntensityRange range) {
		InMemorySampleSet set = new InMemorySampleSet(shape);
		samples(range).forEachRemaining(item -> set.add(item.data()));
		if (set.size() == 0) {
			String warning = skippedWarning();
			throw new IllegalArgumentException(
					"The folder gave no usable samples." + (warning == null ? "" : " " + warning));
		}
		return set;
	}

	/** Files skipped so far, each as "file name: reason". */
	public List<String> skipped() {
		return Collections.unmodifiableList(skipped);
	}

	/** A warning listing the files skipped so far, or null when none was. */
	public String skippedWarning() {
		if (skipped.isEmpty()) return null;
		return "Skipped " + skipped.size() + " of " + files.size() + " files:\n  " + String.join("\n  ", skipped);
	}
}
