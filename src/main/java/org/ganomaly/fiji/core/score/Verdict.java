package org.ganomaly.fiji.core.score;

/**
 * The verdict on one image: a combined score and whether it is anomalous, calibrated on normal images only.
 * <p>
 * With a {@link VerdictCalibration} the score combines the latent score and the anomalous area of the image's map
 * (its pixels above the model's pixel threshold), each as its rarity among the normal images ({@link NormalTail}):
 * the image's combined value is the larger of the latent score's rarity and the area's rarity less {@value
 * #AREA_OFFSET}, and its score is that value's rarity among the normal images' combined values. An image is anomalous
 * when its combined value is above the normals' threshold quantile (0.99: about 1 normal image in 100 is flagged).
 * The latent score catches images unlike the normal ones as a whole (another digit); the area catches small defects
 * the latent score barely sees (a scratch on a texture). The offset lets the area speak only where it is rarer than
 * in one normal image in 10^{@value #AREA_OFFSET}: below that, on images whose normals differ as a whole (digits),
 * the area mostly follows shape and would only blur the latent score's order (bench/RESULTS.md).
 * <p>
 * Without one (models trained before it existed, or without a pixel calibration) the score is the latent score's
 * rarity and the verdict is the latent rule: latent score above the model's threshold.
 */
public final class Verdict {

	/** How much rarer (in powers of ten) an area must be than a latent score to decide the combined value. */
	static final double AREA_OFFSET = 2;

	/** One image's verdict. @param score the combined score: -log10 of the fraction of normals rarer than it */
	public record Judgement(double score, boolean anomalous) {}

	private final Calibration latent;
	private final NormalTail latentTail;
	private final double pixelThreshold;
	private final NormalTail areaTail;
	private final Calibration combined;
	private final NormalTail combinedTail;

	private Verdict(Calibration latent, double pixelThreshold, VerdictCalibration calibration) {
		this.latent = latent;
		this.latentTail = new NormalTail(latent);
		this.pixelThreshold = pixelThreshold;
		this.areaTail = calibration == null ? null : new NormalTail(calibration.areas());
		this.combined = calibration == null ? null : calibration.combined();
		this.combinedTail = calibration == null ? null : new NormalTail(calibration.combined());
	}

	/**
	 * @param pixels the model's pixel calibration, null if it has none
	 * @param calibration the model's verdict calibration, null if it has none: then the verdict is the latent rule
	 */
	public static Verdict of(Calibration latent, Calibration pixels, VerdictCalibration calibration) {
		return pixels == null || calibration == null
				? new Verdict(latent, Double.NaN, null)
				: new Verdict(latent, pixels.threshold(), calibration);
	}

	/** Whether the verdict uses the maps (the model has a verdict calibration); else it is the latent rule. */
	public boolean usesMaps() {
		return combined != null;
	}

	/** @param map the image's anomaly map as the scorer gives it; not read when {@link #usesMaps()} is false */
	public Judgement judge(double latentScore, float[] map) {
		if (combined == null) return new Judgement(latentTail.rarity(latentScore), latent.anomalous(latentScore));
		double value = combinedValue(latentTail, areaTail, latentScore, area(map, pixelThreshold));
		return new Judgement(combinedTail.rarity(value), combined.anomalous(value));
	}

	/** The pixels of a map above a pixel threshold. */
	public static long area(float[] map, double pixelThreshold) {
		long n = 0;
		for (float v : map) if (v > pixelThreshold) n++;
		return n;
	}

	/** The combined value of one image: the larger of its latent score's rarity and its area's, less the offset. */
	static double combinedValue(NormalTail latent, NormalTail areas, double latentScore, double area) {
		return Math.max(latent.rarity(latentScore), areas.rarity(area) - AREA_OFFSET);
	}
}
