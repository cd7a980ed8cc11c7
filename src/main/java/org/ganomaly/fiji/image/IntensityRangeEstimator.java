package org.ganomaly.fiji.image;

import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.IntensityRange;

/**
 * Chooses the {@link IntensityRange} for training data (use a range the user gives instead, when there is one).
 * 8-bit and RGB images get {@link IntensityRange#BYTE}. 16- and 32-bit images get the 0.1th to 99.9th percentile of
 * all their sample pixels, so a few extreme pixels do not squeeze the rest into a narrow band. Memory stays bounded:
 * percentiles come from a uniform random sample (reservoir) of at most {@value #RESERVOIR_SIZE} pixels, exact when
 * there are fewer pixels, and repeatable (fixed seed).
 */
public final class IntensityRangeEstimator {

	public static final double LOW_PERCENTILE = 0.1;
	public static final double HIGH_PERCENTILE = 99.9;
	static final int RESERVOIR_SIZE = 1 << 20;

	private final SplittableRandom random = new SplittableRandom(20180601);
	private float[] reservoir;
	private long pixelsSeen;
	private float min = Float.POSITIVE_INFINITY;
	private float max = Float.NEGATIVE_INFINITY;
	/** A title of each kind seen, for the message when 8-bit and wider images are mixed. */
	private String byteValuedImage;

	private String wideImage;

	/** The range for the samples of one image. */
	public static IntensityRange estimate(ImageSampler sampler) {
		IntensityRangeEstimator estimator = new IntensityRangeEstimator();
		estimator.add(sampler);
		return estimator.estimate();
	}

	/** The range for all images of a folder; each is read once, one at a time. */
	public static IntensityRange estimate(Iterator<FileImage> images) {
		IntensityRangeEstimator estimator = new IntensityRangeEstimator();
		images.forEachRemaining(image -> estimator.add(image.sampler()));
		return estimator.estimate();
	}

	/** Adds every sample of {@code sampler} (nothing is read for 8-bit or RGB images, whose range is fixed). */
	public void add(ImageSampler sampler) {
		if (sampler.isByteValued()) {
			byteValuedImage = sampler.title();
			requireOneKind();
			return;
		}
		wideImage = sampler.title();
		requireOneKind();
		if (reservoir == null) reservoir = new float[RESERVOIR_SIZE];
		float[] sample = new float[sampler.shape().sampleLength()];
		for (int i = 0; i < sampler.size(); i++) {
			sampler.copyRaw(i, sample, 0);
			for (float v : sample) accept(v);
		}
	}

	private void requireOneKind() {
		if (byteValuedImage != null && wideImage != null)
			throw new IllegalArgumentException(
					"Training images mix 8-bit/RGB ('" + byteValuedImage + "') and 16/32-bit ('"
							+ wideImage
							+ "') pixel values, whose intensity scales differ. Convert them to one type (Image > Type), "
							+ "or give the intensity range explicitly.");
	}

	/** Reservoir sampling: after n values, each is kept with probability RESERVOIR_SIZE / n. */
	private void accept(float v) {
		min = Math.min(min, v);
		max = Math.max(max, v);
		if (pixelsSeen < RESERVOIR_SIZE) {
			reservoir[(int) pixelsSeen] = v;
		} else {
			long slot = random.nextLong(pixelsSeen + 1);
			if (slot < RESERVOIR_SIZE) reservoir[(int) slot] = v;
		}
		pixelsSeen++;
	}

	/**
	 * The estimated range. When the percentiles coincide (nearly constant images) it falls back to the full
	 * min..max, and for perfectly constant images to value ± 1.
	 */
	public IntensityRange estimate() {
		if (byteValuedImage == null && wideImage == null)
			throw new IllegalStateException("No training images were added to estimate an intensity range from.");
		if (wideImage == null) return IntensityRange.BYTE;
		if (pixelsSeen == 0)
			throw new IllegalStateException(
					"Training image '" + wideImage + "' gave no samples to estimate an intensity range from.");
		float[] values = Arrays.copyOf(reservoir, (int) Math.min(pixelsSeen, RESERVOIR_SIZE));
		Arrays.sort(values);
		double low = percentile(values, LOW_PERCENTILE), high = percentile(values, HIGH_PERCENTILE);
		if (high > low) return new IntensityRange(low, high);
		if (max > min) return new IntensityRange(min, max);
		return new IntensityRange(min - 1.0, min + 1.0);
	}

	/** Linear interpolation between the closest ranks, as NumPy's default percentile. */
	static double percentile(float[] sorted, double percent) {
		double rank = percent / 100 * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (rank - below) * ((double) sorted[above] - sorted[below]);
	}
}
