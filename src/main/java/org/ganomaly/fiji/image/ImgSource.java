package org.ganomaly.fiji.image;

import java.util.List;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * One image held as imglib2 data ({@link AxisImage}): an Img a file reader gives (e.g. a lazily loaded cell image),
 * an ImageJ2 image's pixels, an in-memory array. Each plane, or tile of a plane, is a sample, as for an open image;
 * planes are read as samples need them, and the data are never modified.
 */
public record ImgSource(AxisImage image) implements ImageSource {

	@Override
	public String name() {
		return image.name();
	}

	@Override
	public int defaultChannels() {
		return image.isRgb() ? 3 : 1;
	}

	@Override
	public boolean imagesAreFiles() {
		return false;
	}

	@Override
	public Images images(ImageShape shape, Sampling sampling) {
		SourceImage sourceImage = new SourceImage(ImageSampler.of(image, shape, sampling), null);
		return new Images(List.of(sourceImage).iterator(), 1, () -> null);
	}

	@Override
	public IntensityRange estimateRange(ImageShape shape, Sampling sampling) {
		return IntensityRangeEstimator.estimate(checkedSampler(shape, sampling));
	}

	@Override
	public SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings) {
		return new ImageSampleSet(checkedSampler(shape, sampling), range);
	}

	/** A sampler whose planes were checked for NaN and infinite values up front (naming the slice). */
	private ImageSampler checkedSampler(ImageShape shape, Sampling sampling) {
		ImageSampler sampler = ImageSampler.of(image, shape, sampling);
		sampler.checkFinite();
		return sampler;
	}
}
