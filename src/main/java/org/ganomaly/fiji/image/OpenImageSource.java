package org.ganomaly.fiji.image;

import ij.ImagePlus;
import java.util.List;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/** An open image, a stack, hyperstack or virtual stack, each plane (or tile of a plane) a sample; never modified. */
public record OpenImageSource(ImagePlus imp) implements ImageSource {

	@Override
	public String name() {
		return imp.getTitle();
	}

	@Override
	public int defaultChannels() {
		return imp.getBitDepth() == 24 ? 3 : 1;
	}

	@Override
	public boolean imagesAreFiles() {
		return false;
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
