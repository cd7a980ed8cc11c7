package org.ganomaly.fiji.command;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.image.FolderImage;
import org.ganomaly.fiji.image.FolderImages;
import org.ganomaly.fiji.image.FolderSampleStream;
import org.ganomaly.fiji.image.ImageFiles;
import org.ganomaly.fiji.image.ImagePlusSampleSet;
import org.ganomaly.fiji.image.ImageSampler;
import org.ganomaly.fiji.image.IntensityRangeEstimator;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

import ij.ImagePlus;

/** Where a command's images come from: one open image (a stack or hyperstack) or a folder of image files. */
sealed interface ImageSource permits ImageSource.OpenImage, ImageSource.ImageFolder {

	/** One image of the source with its samples; {@code file} is null for an open image. */
	record SourceImage(ImageSampler sampler, Path file) {}

	/** The images of a source, opened one at a time; folders may skip unusable files. */
	final class Images implements Iterator<SourceImage> {

		private final Iterator<SourceImage> images;
		private final int count;
		private final Supplier<String> skippedWarning;

		Images(Iterator<SourceImage> images, int count, Supplier<String> skippedWarning) {
			this.images = images;
			this.count = count;
			this.skippedWarning = skippedWarning;
		}

		@Override
		public boolean hasNext() {
			return images.hasNext();
		}

		@Override
		public SourceImage next() {
			return images.next();
		}

		/** How many images the source lists (files of a folder; 1 for an open image). */
		int count() {
			return count;
		}

		/** A warning listing the files skipped so far, or null. */
		String skippedWarning() {
			return skippedWarning.get();
		}
	}

	/** The image's title or the folder's name, for titles and messages. */
	String name();

	/** Network channels the images call for when none is chosen: 3 for RGB images, else 1. */
	int defaultChannels();

	/** The images one at a time; folders and virtual stacks are never read whole. */
	Images images(ImageShape shape, Sampling sampling);

	/** The intensity range of all samples, as {@link IntensityRangeEstimator} chooses it. */
	IntensityRange estimateRange(ImageShape shape, Sampling sampling);

	/**
	 * All samples in random access, for training: an open image is read in place (never copied); a folder's
	 * samples are gathered in memory. Skipped files are passed to {@code warnings}.
	 */
	SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings);

	/** An open image (never modified). */
	record OpenImage(ImagePlus imp) implements ImageSource {

		@Override
		public String name() {
			return imp.getTitle();
		}

		@Override
		public int defaultChannels() {
			return imp.getBitDepth() == 24 ? 3 : 1;
		}

		@Override
		public Images images(ImageShape shape, Sampling sampling) {
			SourceImage image = new SourceImage(ImageSampler.of(imp, shape, sampling), null);
			return new Images(List.of(image).iterator(), 1, () -> null);
		}

		@Override
		public IntensityRange estimateRange(ImageShape shape, Sampling sampling) {
			return IntensityRangeEstimator.estimate(checkedSampler(shape, sampling));
		}

		@Override
		public SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings) {
			return new ImagePlusSampleSet(checkedSampler(shape, sampling), range);
		}

		/** A sampler whose planes were checked for NaN and infinite values up front (naming the slice). */
		private ImageSampler checkedSampler(ImageShape shape, Sampling sampling) {
			ImageSampler sampler = ImageSampler.of(imp, shape, sampling);
			sampler.checkFinite();
			return sampler;
		}
	}

	/** The image files of a folder (not its subfolders), in file-name order. */
	record ImageFolder(Path folder, UnreadableFilePolicy policy) implements ImageSource {

		@Override
		public String name() {
			Path name = folder.getFileName();
			return name != null ? name.toString() : folder.toString();
		}

		/** 3 if the first usable file is RGB, else 1. */
		@Override
		public int defaultChannels() {
			for (Path file : FolderImages.listImageFiles(folder)) {
				try {
					return ImageFiles.open(file).getBitDepth() == 24 ? 3 : 1;
				}
				catch (IllegalArgumentException e) {
					// unusable: the folder's policy deals with it when the images are read
				}
			}
			return 1;
		}

		@Override
		public Images images(ImageShape shape, Sampling sampling) {
			FolderImages files = new FolderImages(folder, shape, sampling, policy);
			Iterator<SourceImage> images = new Iterator<>() {
				@Override
				public boolean hasNext() {
					return files.hasNext();
				}

				@Override
				public SourceImage next() {
					FolderImage image = files.next();
					return new SourceImage(image.sampler(), image.file());
				}
			};
			return new Images(images, files.fileCount(), files::skippedWarning);
		}

		@Override
		public IntensityRange estimateRange(ImageShape shape, Sampling sampling) {
			FolderImages files = new FolderImages(folder, shape, sampling, policy);
			try {
				return IntensityRangeEstimator.estimate(files);
			}
			catch (IllegalStateException nothing) {
				// Every file was left out: say which and why, rather than that no image reached the estimate.
				throw new IllegalArgumentException("None of the images in folder '" + folder + "' can be used for "
					+ "training. " + (files.skippedWarning() == null ? "" : files.skippedWarning() + "\n")
					+ "Choose images that fit the model (image size, channels, sampling), or change those settings.",
					nothing);
			}
		}

		@Override
		public SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings) {
			FolderImages files = new FolderImages(folder, shape, sampling, policy);
			SampleSet set = new FolderSampleStream(files, range).collect();
			if (files.skippedWarning() != null) warnings.accept("Folder '" + folder + "': " + files.skippedWarning());
			return set;
		}
	}
}
