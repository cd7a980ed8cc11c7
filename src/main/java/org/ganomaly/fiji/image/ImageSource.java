package org.ganomaly.fiji.image;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * Where a command's images come from. Train GANomaly and Score Stack take any source: an open image
 * ({@link OpenImageSource}), the files of a folder or of a list ({@link FileSource}), an imglib2 image with axes
 * ({@link ImgSource}); a new kind of source is one new class implementing this, whose images are sampled by
 * {@link ImageSampler#of(AxisImage, ImageShape, Sampling)} (see {@link ImgSource}).
 */
public interface ImageSource {

	/** One image of the source with its samples; {@code file} is null for an image that is not a file of its own. */
	record SourceImage(ImageSampler sampler, Path file) {}

	/** The images of a source, opened one at a time; sources of files may skip unusable ones. */
	final class Images implements Iterator<SourceImage> {

		private final Iterator<SourceImage> images;
		private final int count;
		private final Supplier<String> skippedWarning;

		/**
		 * @param count how many images the source lists
		 * @param skippedWarning a warning listing the images skipped so far, or null
		 */
		public Images(Iterator<SourceImage> images, int count, Supplier<String> skippedWarning) {
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

		/** How many images the source lists (its files; 1 for an open image). */
		public int count() {
			return count;
		}

		/** A warning listing the files skipped so far, or null. */
		public String skippedWarning() {
			return skippedWarning.get();
		}
	}

	/** The image's title or the folder's or list's name, for titles and messages. */
	String name();

	/** Network channels the images call for when none is chosen: 3 for RGB images, else 1. */
	int defaultChannels();

	/** Whether each image is a file of its own, so that per-image results (heat maps) are written as files. */
	boolean imagesAreFiles();

	/** The images one at a time; files and virtual stacks are never read whole. */
	Images images(ImageShape shape, Sampling sampling);

	/** The intensity range of all samples, as {@link IntensityRangeEstimator} chooses it. */
	IntensityRange estimateRange(ImageShape shape, Sampling sampling);

	/**
	 * All samples in random access, for training: an open image is read in place (never copied); files' samples
	 * are gathered in memory. Skipped files are passed to {@code warnings}.
	 */
	SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings);
}
