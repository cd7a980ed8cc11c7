package org.ganomaly.fiji.core.score;

/**
 * How rare a score is among the normal images a {@link Calibration} was made from, as {@code -log10} of the fraction
 * of normals that score higher (2: one normal image in 100 scores higher; 3: one in 1,000). Up to the {@value
 * #TAIL_START} quantile the fraction is read off the stored quantiles; above it, from an exponential tail fitted to
 * the top 10 % of normals (their mean excess over that quantile), so that scores beyond every normal image keep
 * their order instead of all reading "rarer than every normal".
 */
public final class NormalTail {

	/** Where the fitted tail takes over from the stored quantiles. */
	static final double TAIL_START = 0.9;

	/** Rarity never exceeds this (a fraction of 1e-300), so it stays a finite number. */
	private static final double SMALLEST_FRACTION = 1e-300;

	private final Calibration normals;
	private final double start;
	private final double share;
	private final double scale;

	public NormalTail(Calibration normals) {
		this.normals = normals;
		double[] s = normals.normalScores();
		start = Calibration.quantile(s, TAIL_START);
		double excess = 0;
		int above = 0;
		for (double v : s)
			if (v > start) {
				excess += v - start;
				above++;
			}
		// With no normal above the tail's start (the top 10 % tie), a higher score is beyond every normal image.
		share = Math.max(1 - normals.calibrated(start), 1.0 / (normals.count() + 1));
		scale = above > 0 ? excess / above : 1e-12 * Math.max(1, Math.abs(start));
	}

	/** {@code -log10} of the fraction of normal images scoring higher than {@code score}; 0 at or below them all. */
	public double rarity(double score) {
		double fraction = score <= start
				? Math.max(1 - normals.calibrated(score), share)
				: share * Math.exp(-(score - start) / scale);
		return -Math.log10(Math.max(fraction, SMALLEST_FRACTION));
	}
}
