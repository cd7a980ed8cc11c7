package org.ganomaly.fiji.core.score;

import java.util.Arrays;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * What scoring the normal images a model is calibrated on gives, in one pass (BatchNorm running statistics, as Score
 * Stack scores): their latent scores, and their anomaly maps' pixel values |x − x̂| (network units, mean over
 * channels), evenly thinned out to at most {@link #MAX_PIXELS}. The pixels' {@link Calibration} says what a map
 * value means: the fraction of normal pixels at or below it, with the {@link #PIXEL_QUANTILE} quantile as the pixel
 * threshold, which flags about 1 in 1,000 normal pixels. Each map's largest values are kept too, so that the images'
 * anomalous areas (pixels above that threshold) give the {@link VerdictCalibration} without a second pass.
 *
 * @param mapTops each image's {@link #topCount} largest map values
 */
public record NormalStatistics(double[] latentScores, double[] pixelValues, float[][] mapTops) {

	/** The pixel threshold's quantile of normal pixels. */
	public static final double PIXEL_QUANTILE = 0.999;

	/**
	 * Quantiles of the normal pixels a model keeps: every 0.0001, so that pixel thresholds up to the 0.9999 quantile
	 * are read off exactly.
	 */
	public static final int PIXEL_QUANTILES_STORED = 10_001;

	/** Pixels kept at the most, evenly spread over all maps, so that memory stays bounded. */
	static final int MAX_PIXELS = 1 << 21;

	/**
	 * How many of each map's largest values are kept: 2 % of its pixels, 20 times what the pixel threshold leaves
	 * above it on average. A normal image with more pixels above the threshold counts as that many.
	 */
	static int topCount(int pixels) {
		return Math.max(1, pixels / 50);
	}

	/** @param smoothing how the maps are smoothed before their pixels are counted, as scoring will smooth them */
	public static NormalStatistics of(
			GanomalyNetworks networks, SampleSet normals, int batchSize, MapSmoothing smoothing) {
		int plane = normals.shape().size() * normals.shape().size();
		long total = (long) normals.size() * plane;
		long step = Math.max(1, (total + MAX_PIXELS - 1) / MAX_PIXELS);
		double[] latent = new double[normals.size()];
		double[] pixels = new double[(int) ((total + step - 1) / step)];
		int[] kept = {0};
		float[][] tops = new float[normals.size()][];
		new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, batchSize, true)
				.withMapSmoothing(smoothing)
				.score(BatchScorer.iterate(normals), (index, item, score, reconstruction, map) -> {
					latent[index] = score.latent();
					long first = (long) index * plane;
					// The pixels of this map whose place in all maps is a multiple of the step.
					for (long p = (first + step - 1) / step * step; p < first + plane; p += step)
						pixels[kept[0]++] = map[(int) (p - first)];
					float[] sorted = map.clone();
					Arrays.sort(sorted);
					tops[index] = Arrays.copyOfRange(sorted, sorted.length - topCount(plane), sorted.length);
				});
		return new NormalStatistics(latent, Arrays.copyOf(pixels, kept[0]), tops);
	}

	/** @param source "validation" or "training", as the score calibration says */
	public Calibration pixelCalibration(String source) {
		return Calibration.of(pixelValues, source, PIXEL_QUANTILE, PIXEL_QUANTILES_STORED);
	}

	/**
	 * The verdict's calibration on these images: their anomalous areas above {@code pixels}' threshold, and their
	 * combined values (see {@link Verdict}) with {@code latent}'s threshold quantile.
	 *
	 * @param latent the calibration of these images' latent scores
	 * @param pixels the calibration of these images' map pixels
	 */
	public VerdictCalibration verdictCalibration(Calibration latent, Calibration pixels) {
		double threshold = pixels.threshold();
		double[] areas = new double[mapTops.length];
		for (int i = 0; i < areas.length; i++) areas[i] = Verdict.area(mapTops[i], threshold);
		Calibration areaCalibration = Calibration.of(areas, latent.source(), latent.thresholdQuantile());
		NormalTail latentTail = new NormalTail(latent), areaTail = new NormalTail(areaCalibration);
		double[] combined = new double[areas.length];
		for (int i = 0; i < areas.length; i++)
			combined[i] = Verdict.combinedValue(latentTail, areaTail, latentScores[i], areas[i]);
		return new VerdictCalibration(
				areaCalibration, Calibration.of(combined, latent.source(), latent.thresholdQuantile()));
	}
}
