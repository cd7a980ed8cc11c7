package org.ganomaly.fiji.core.score;

import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * What an anomaly-map value means, learnt from normal images: the distribution of the per-pixel values
 * |x − x̂| (network units, mean over channels) of the normal images' maps, as a {@link Calibration} of pixel values.
 * Its calibrated value of a map pixel is the fraction of normal pixels at or below it, and its threshold, the
 * {@link #PIXEL_QUANTILE} quantile of normal pixels, flags about 1 in 1,000 normal pixels.
 */
public final class PixelCalibration {

	/** The default pixel threshold's quantile of normal pixels. */
	public static final double PIXEL_QUANTILE = 0.999;

	/** Pixels kept for the quantiles at the most: evenly spread over all maps, so that memory stays bounded. */
	static final int MAX_PIXELS = 1 << 21;

	private PixelCalibration() {}

	/**
	 * The calibration of the map pixels of {@code normals} scored by {@code networks} (BatchNorm running
	 * statistics, as Score Stack scores).
	 *
	 * @param source "validation" or "training", as the score calibration says
	 */
	public static Calibration of(GanomalyNetworks networks, SampleSet normals, int batchSize, String source) {
		int plane = normals.shape().size() * normals.shape().size();
		long total = (long) normals.size() * plane;
		long step = Math.max(1, (total + MAX_PIXELS - 1) / MAX_PIXELS);
		double[] values = new double[(int) ((total + step - 1) / step)];
		int[] kept = {0};
		new GanomalyScorer(networks, BatchNormMode.RUNNING_STATISTICS, batchSize, true)
				.score(GanomalyScorer.iterate(normals), (index, item, score, reconstruction, map) -> {
					long first = (long) index * plane;
					// The pixels of this map whose place in all maps is a multiple of the step.
					for (long p = (first + step - 1) / step * step; p < first + plane; p += step)
						values[kept[0]++] = map[(int) (p - first)];
				});
		return Calibration.of(java.util.Arrays.copyOf(values, kept[0]), source, PIXEL_QUANTILE);
	}
}
