package org.ganomaly.fiji.image;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.IntensityRange;

/**
 * All samples of a folder's images, one at a time, in file order and within a file in sample order. Files are opened
 * only as their samples are reached. Skipped files are reported by the underlying {@link FolderImages}.
 */
public final class FolderSampleStream implements Iterator<LabeledSample> {

	private final FolderImages images;
	private final IntensityRange range;
	private FolderImage image;
	private ImagePlusSampleSet samples;
	private int nextSample;

	public FolderSampleStream(FolderImages images, IntensityRange range) {
		this.images = images;
		this.range = range;
	}

	@Override
	public boolean hasNext() {
		while (samples == null || nextSample >= samples.size()) {
			image = null; // let the finished image go before the next one is opened
			samples = null;
			if (!images.hasNext()) return false;
			image = images.next();
			samples = new ImagePlusSampleSet(image.sampler(), range);
			nextSample = 0;
		}
		return true;
	}

	@Override
	public LabeledSample next() {
		if (!hasNext()) throw new NoSuchElementException("No more samples in the folder.");
		float[] data = new float[samples.shape().sampleLength()];
		samples.copyTo(nextSample, data, 0);
		return new LabeledSample(image.file(), samples.info(nextSample++), data);
	}

	/**
	 * The remaining samples gathered into memory, e.g. for training. Throws if there are none, with the list of
	 * skipped files if any.
	 */
	public InMemorySampleSet collect() {
		InMemorySampleSet set = new InMemorySampleSet(images.shape());
		while (hasNext()) set.add(next().data());
		if (set.size() == 0) {
			String warning = images.skippedWarning();
			throw new IllegalArgumentException(
					"The folder gave no usable samples." + (warning == null ? "" : " " + warning));
		}
		return set;
	}
}
