package org.ganomaly.fiji.core.score;

import java.util.Arrays;

/**
 * The verdict on one image: a combined score and whether it is anomalous, calibrated on normal images only.
 * <p>
 * With a {@link VerdictCalibration} the score combines two pieces of evidence, each as its rarity among the normal
 * images ({@link NormalTail}): the latent score, which catches images unlike the normal ones as a whole (another
 * digit), and the map's peak ({@link #peak}), which catches small defects the latent score barely sees (a scratch on a
 * texture). Which leads is learnt from the normal images: how much their layout means to the latent score ({@link
 * VerdictCalibration#layoutWeight}, w). The image's combined value is the larger of the latent score's rarity less
 * {@value #LAGGING_OFFSET} × (1 − w) and the peak's rarity less {@value #LAGGING_OFFSET} × w: the evidence that lags
 * counts only where it is a hundred times rarer. On textures the latent score mostly follows the texture's own
 * variation and on digits the map mostly follows shape; either would blur the leading score's order
 * (bench/RESULTS.md). The score is the combined value's rarity among the normal images' combined values, and an
 * image is anomalous when its combined value is above their conformal threshold ({@link Calibration#conformal}).
 * <p>
 * Without one (models trained before the current calibration) the score is the latent score's rarity and the verdict
 * is the latent rule: latent score above the model's threshold.
 */
public final class Verdict {

	/** How much rarer (in powers of ten) the lagging evidence must be than the leading one to decide. */
	static final double LAGGING_OFFSET = 2;

	/** One image's verdict. @param score the combined score: -log10 of the fraction of normals rarer than it */
	public record Judgement(double score, boolean anomalous) {}

	private final Calibration latent;
	private final NormalTail latentTail;
	private final NormalTail peakTail;
	private final double layoutWeight;
	private final Calibration combined;
	private final NormalTail combinedTail;

	private Verdict(Calibration latent, VerdictCalibration calibration) {
		this.latent = latent;
		this.latentTail = new NormalTail(latent);
		this.peakTail = calibration == null ? null : new NormalTail(calibration.peaks());
		this.layoutWeight = calibration == null ? Double.NaN : calibration.layoutWeight();
		this.combined = calibration == null ? null : calibration.combined();
		this.combinedTail = calibration == null ? null : new NormalTail(calibration.combined());
	}

	/** @param calibration the model's verdict calibration, null if it has none: then the verdict is the latent rule */
	public static Verdict of(Calibration latent, VerdictCalibration calibration) {
		return new Verdict(latent, calibration);
	}

	/** Whether the verdict uses the maps (the model has a verdict calibration); else it is the latent rule. */
	public boolean usesMaps() {
		return combined != null;
	}

	/** @param map the image's anomaly map as the scorer gives it; not read when {@link #usesMaps()} is false */
	public Judgement judge(double latentScore, float[] map) {
		if (combined == null) return new Judgement(latentTail.rarity(latentScore), latent.anomalous(latentScore));
		double value = combinedValue(latentTail, peakTail, layoutWeight, latentScore, peak(map));
		return new Judgement(combinedTail.rarity(value), combined.anomalous(value));
	}

	/**
	 * A map's peak: the mean of its brightest 1 % of pixels (at least one). Unlike the maximum it is not one noisy
	 * pixel, and unlike the area above the pixel threshold it grows with how bright a defect is, not only how large.
	 */
	public static double peak(float[] map) {
		float[] sorted = map.clone();
		Arrays.sort(sorted);
		int count = Math.max(1, sorted.length / 100);
		double sum = 0;
		for (int p = sorted.length - count; p < sorted.length; p++) sum += sorted[p];
		return sum / count;
	}

	/** The combined value of one image (see the class description). */
	static double combinedValue(
			NormalTail latent, NormalTail peaks, double layoutWeight, double latentScore, double peak) {
		return Math.max(
				latent.rarity(latentScore) - LAGGING_OFFSET * (1 - layoutWeight),
				peaks.rarity(peak) - LAGGING_OFFSET * layoutWeight);
	}
}
