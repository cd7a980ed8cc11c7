package org.ganomaly.fiji.image;

import ij.ImagePlus;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * The samples of one image (an {@link ImageSampler}: an ImagePlus or any {@link AxisImage}), mapped to the
 * network's [-1, 1] with an {@link IntensityRange}. Random access and read on demand; not thread-safe.
 */
public final class ImageSampleSet implements SampleSet {

	private final ImageSampler sampler;
	private final IntensityRange range;

	public ImageSampleSet(ImageSampler sampler, IntensityRange range) {
		this.sampler = sampler;
		this.range = range;
	}

	/** The samples of {@code imp}; throws IllegalArgumentException, naming the image, if it does not fit. */
	public static ImageSampleSet of(ImagePlus imp, ImageShape shape, Sampling sampling, IntensityRange range) {
		return new ImageSampleSet(ImageSampler.of(imp, shape, sampling), range);
	}

	public ImageSampler sampler() {
		return sampler;
	}

	public IntensityRange range() {
		return range;
	}

	@Override
	public ImageShape shape() {
		return sampler.shape();
	}

	@Override
	public int size() {
		return sampler.size();
	}

	public SampleInfo info(int index) {
		return sampler.info(index);
	}

	@Override
	public void copyTo(int index, float[] dst, int offset) {
		sampler.copyRaw(index, dst, offset);
		for (int i = offset, end = offset + shape().sampleLength(); i < end; i++) dst[i] = range.toNetwork(dst[i]);
	}
}
