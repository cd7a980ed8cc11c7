package org.ganomaly.fiji.image;

import ij.ImagePlus;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * An open image, a stack, hyperstack or virtual stack, each plane (or tile of a plane) a sample; never modified. It
 * is sampled as an {@link ImgSource} of {@link ImagePlusImage#wrap}, wrapped again for each use so that it sees the
 * image as it is then.
 */
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
		return wrapped().images(shape, sampling);
	}

	@Override
	public IntensityRange estimateRange(ImageShape shape, Sampling sampling) {
		return wrapped().estimateRange(shape, sampling);
	}

	@Override
	public SampleSet samples(ImageShape shape, Sampling sampling, IntensityRange range, Consumer<String> warnings) {
		return wrapped().samples(shape, sampling, range, warnings);
	}

	private ImgSource wrapped() {
		return new ImgSource(ImagePlusImage.wrap(imp));
	}
}
