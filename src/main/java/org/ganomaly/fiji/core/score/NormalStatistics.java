package org.ganomaly.fiji.core.score;

import java.util.Arrays;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * What scoring the normal images a model is calibrated on gives, in one pass (BatchNorm running statistics, as Score
 * Stack scores): their latent scores, and their anomaly maps' pixel values |x − x̂| (network units, mean over
 * channels), evenly thinned out to at most {@link #MAX_PIXELS}. The pixels' {@link Calibration} says what a map
 * value means: the fraction of normal pixels at or below it, with the {@link #PIXEL_QUANTILE} quantile as the pixel
 * threshold, which flags about 1 in 1,000 normal pixels.
 */
public record NormalStatistics(double[] latentScores, double[] pixelValues) {

	/** The pixel threshold's quantile of normal pixels. */
	public static final double PIXEL_QUANTILE = 0.999;

	/**
	 * Quantiles of the normal pixels a model keeps: every 0.0001, so that pixel thresholds up to the 0.9999 quantile
	 * are read off exactly.
	 */
	public static final int PIXEL_QUANTILES_STORED = 10_001;

	/** Pixels kept at the most, evenly spread over all maps, so that memory stays bounded. */
	static final int MAX_PIXELS = 1 << 21;

	/** @param smoothing how the maps are smoothed before their pixels are counted, as scoring will smooth them */
	public static NormalStatistics of(
			GanomalyNetworks networks, SampleSet normals, int batchSize, MapSmoothing smoothing) {
		int plane = normals.shape().size() * normals.shape().size();
		long total = (long) normals.size() * plane;
		long step = Math.max(1, (total + MAX_PIXELS - 1) / MAX_PIXELS);
		double[] latent = new double[normals.size()];
		double[] pixels = new double[(int) ((total + step - 1) / step)];
		int[] kept = {0};
		new GanomalyScorer(networks, BatchNormMode.RUNNING_STATISTICS, batchSize, true)
				.withMapSmoothing(smoothing)
				.score(GanomalyScorer.iterate(normals), (index, item, score, reconstruction, map) -> {
					latent[index] = score.latent();
					long first = (long) index * plane;
					// The pixels of this map whose place in all maps is a multiple of the step.
					for (long p = (first + step - 1) / step * step; p < first + plane; p += step)
						pixels[kept[0]++] = map[(int) (p - first)];
				});
		return new NormalStatistics(latent, Arrays.copyOf(pixels, kept[0]));
	}

	/** @param source "validation" or "training", as the score calibration says */
	public Calibration pixelCalibration(String source) {
		return Calibration.of(pixelValues, source, PIXEL_QUANTILE, PIXEL_QUANTILES_STORED);
	}
}
