package org.ganomaly.fiji.core.score;

import java.util.Arrays;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.SampleSubset;
import org.ganomaly.fiji.core.data.TurnedCopies;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * What scoring the normal images a model is calibrated on gives (BatchNorm running statistics, as Score Stack
 * scores): their latent scores, and their anomaly maps' pixel values |x − x̂| (network units, mean over channels),
 * evenly thinned out to at most {@link #MAX_PIXELS}, and each map's peak ({@link Verdict#peak}). The pixels'
 * {@link Calibration} says what a map value means: the fraction of normal pixels at or below it, with the {@link
 * #PIXEL_QUANTILE} quantile as the pixel threshold, which flags about 1 in 1,000 normal pixels. A second pass scores
 * turned copies of (at most {@link #MAX_TURNED} of) the images ({@link TurnedCopies}): how well their latent scores
 * tell them from the images themselves is the layout AUC of the {@link VerdictCalibration}.
 *
 * @param peaks each image's map peak
 * @param layoutAuc the ROC AUC of the latent score, turned copies against the images they were made from; NaN when
 *     a score is not finite
 * @param layoutImages how many images were turned for it
 */
public record NormalStatistics(
		double[] latentScores, double[] pixelValues, double[] peaks, double layoutAuc, int layoutImages) {

	/** The pixel threshold's quantile of normal pixels. */
	public static final double PIXEL_QUANTILE = 0.999;

	/**
	 * Quantiles of the normal pixels a model keeps: every 0.0001, so that pixel thresholds up to the 0.9999 quantile
	 * are read off exactly.
	 */
	public static final int PIXEL_QUANTILES_STORED = 10_001;

	/** Pixels kept at the most, evenly spread over all maps, so that memory stays bounded. */
	static final int MAX_PIXELS = 1 << 21;

	/** Images turned for the layout AUC at the most, evenly spread: its standard error is then below 0.01. */
	static final int MAX_TURNED = 2000;

	/** @param smoothing how the maps are smoothed before their pixels are counted, as scoring will smooth them */
	public static NormalStatistics of(
			GanomalyNetworks networks, SampleSet normals, int batchSize, MapSmoothing smoothing) {
		int plane = normals.shape().size() * normals.shape().size();
		long total = (long) normals.size() * plane;
		long step = Math.max(1, (total + MAX_PIXELS - 1) / MAX_PIXELS);
		double[] latent = new double[normals.size()];
		double[] pixels = new double[(int) ((total + step - 1) / step)];
		int[] kept = {0};
		double[] peaks = new double[normals.size()];
		BatchScorer scorer = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, batchSize, true)
				.withMapSmoothing(smoothing);
		scorer.score(BatchScorer.iterate(normals), (index, item, score, reconstruction, map) -> {
			latent[index] = score.latent();
			long first = (long) index * plane;
			// The pixels of this map whose place in all maps is a multiple of the step.
			for (long p = (first + step - 1) / step * step; p < first + plane; p += step)
				pixels[kept[0]++] = map[(int) (p - first)];
			peaks[index] = Verdict.peak(map);
		});
		int[] turned = evenlySpaced(normals.size(), MAX_TURNED);
		double[] turnedScores = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, batchSize, false)
				.latentScores(TurnedCopies.of(new SampleSubset(normals, turned)));
		double[] both = Arrays.copyOf(turnedScores, 2 * turned.length);
		boolean[] isCopy = new boolean[both.length];
		for (int i = 0; i < turned.length; i++) {
			both[turned.length + i] = latent[turned[i]];
			isCopy[i] = true;
		}
		// Scores that are not finite (a diverged model) have no AUC; training refuses such a model with its own
		// message.
		double layoutAuc = Arrays.stream(both).allMatch(Double::isFinite)
				? RocAnalysis.of(both, isCopy).auc()
				: Double.NaN;
		return new NormalStatistics(latent, Arrays.copyOf(pixels, kept[0]), peaks, layoutAuc, turned.length);
	}

	/** {@code count} indices, at most {@code max}, evenly spread over 0 … count − 1. */
	private static int[] evenlySpaced(int count, int max) {
		int[] out = new int[Math.min(count, max)];
		for (int i = 0; i < out.length; i++) out[i] = (int) ((long) i * count / out.length);
		return out;
	}

	/** @param source "validation" or "training", as the score calibration says */
	public Calibration pixelCalibration(String source) {
		return Calibration.of(pixelValues, source, PIXEL_QUANTILE, PIXEL_QUANTILES_STORED);
	}

	/**
	 * The verdict's calibration on these images: their map peaks, the layout AUC, and their combined values (see
	 * {@link Verdict}) with {@code latent}'s threshold quantile, thresholded at its conformal quantile.
	 *
	 * @param latent the calibration of these images' latent scores
	 */
	public VerdictCalibration verdictCalibration(Calibration latent) {
		Calibration peakCalibration = Calibration.of(peaks, latent.source(), latent.thresholdQuantile());
		NormalTail latentTail = new NormalTail(latent), peakTail = new NormalTail(peakCalibration);
		double weight = VerdictCalibration.layoutWeight(layoutAuc, layoutImages);
		double[] combined = new double[peaks.length];
		for (int i = 0; i < peaks.length; i++)
			combined[i] = Verdict.combinedValue(latentTail, peakTail, weight, latentScores[i], peaks[i]);
		return new VerdictCalibration(
				peakCalibration,
				layoutAuc,
				layoutImages,
				Calibration.conformal(combined, latent.source(), latent.thresholdQuantile()));
	}
}
