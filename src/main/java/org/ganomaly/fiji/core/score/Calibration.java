package org.ganomaly.fiji.core.score;

import java.util.Arrays;

/**
 * What a latent score means for a single image, learnt from normal images (held-out validation normals when
 * there are any). The calibrated score of x is the fraction of normal images that scored below x (0.5: a
 * typical normal image; 0.999: more unusual than 99.9 % of normals). The default threshold is the normal
 * scores' {@code thresholdQuantile} quantile, so about (1 − quantile) of normal images are flagged.
 *
 * @param normalScores the normal images' latent scores, sorted (at most {@link #MAX_STORED} quantiles)
 * @param source "validation" or "training"
 * @param count how many normal images were scored
 */
public record Calibration(double[] normalScores, String source, int count, double thresholdQuantile, double threshold) {

	public static final int MAX_STORED = 1001;

	public Calibration {
		if (normalScores == null || normalScores.length == 0)
			throw new IllegalArgumentException("Calibration needs at least one normal score.");
		for (int i = 1; i < normalScores.length; i++)
			if (!(normalScores[i - 1] <= normalScores[i]))
				throw new IllegalArgumentException("Calibration scores must be sorted and finite.");
	}

	/** Calibration from raw normal scores (any order; NaN not allowed), keeping at most {@link #MAX_STORED}. */
	public static Calibration of(double[] scores, String source, double thresholdQuantile) {
		return of(scores, source, thresholdQuantile, MAX_STORED);
	}

	/** As {@link #of(double[], String, double)}, keeping at most {@code maxStored} (at least 2) quantiles. */
	public static Calibration of(double[] scores, String source, double thresholdQuantile, int maxStored) {
		double[] sorted = sorted(scores);
		return new Calibration(
				stored(sorted, maxStored),
				source,
				sorted.length,
				thresholdQuantile,
				quantile(sorted, thresholdQuantile));
	}

	/**
	 * As {@link #of(double[], String, double)}, but the threshold is the ⌈(n + 1) · q⌉-th smallest of the n normal
	 * values (their largest when n is too small for that): an image drawn like these normals lies above it with
	 * probability at most 1 − q whatever their distribution (the conformal quantile), where the interpolated quantile
	 * is exceeded more often when a hundred or so normals have a long tail.
	 */
	public static Calibration conformal(double[] scores, String source, double thresholdQuantile) {
		double[] sorted = sorted(scores);
		return new Calibration(
				stored(sorted, MAX_STORED),
				source,
				sorted.length,
				thresholdQuantile,
				sorted[conformalRank(sorted.length, thresholdQuantile) - 1]);
	}

	/** The scores sorted, checked to be finite and at least one. */
	private static double[] sorted(double[] scores) {
		double[] sorted = scores.clone();
		Arrays.sort(sorted);
		if (sorted.length == 0 || Double.isNaN(sorted[sorted.length - 1]))
			throw new IllegalArgumentException("Calibration needs finite normal scores (got " + scores.length + ").");
		return sorted;
	}

	/** What a calibration keeps of sorted scores: all, or at most {@code maxStored} evenly spaced quantiles. */
	private static double[] stored(double[] sorted, int maxStored) {
		return sorted.length <= maxStored ? sorted : quantiles(sorted, maxStored);
	}

	/** The rank (1 = smallest) of the conformal threshold among n values: ⌈(n + 1) · q⌉, at most n. */
	static int conformalRank(int n, double q) {
		// the small tolerance keeps (n + 1) · q from rounding up past a whole number (200 · 0.99 = 198.00000000000003)
		return Math.min(Math.max((int) Math.ceil((n + 1) * q - 1e-9), 1), n);
	}

	/**
	 * The probability that an image drawn like n normals lies above their conformal threshold: (n + 1 − rank) /
	 * (n + 1), at most 1 − q once n + 1 ≥ 1 / (1 − q).
	 */
	public static double conformalExceedance(int n, double q) {
		return (n + 1.0 - conformalRank(n, q)) / (n + 1);
	}

	/** Fraction of normal scores at or below {@code score}, interpolated between stored quantiles, in [0, 1]. */
	public double calibrated(double score) {
		double[] s = normalScores;
		if (s.length == 1) return score >= s[0] ? 1 : 0;
		if (score < s[0]) return 0;
		if (score >= s[s.length - 1]) return 1;
		int hi = upperBound(s, score); // first index with s[hi] > score
		int lo = hi - 1;
		double frac = s[hi] > s[lo] ? (score - s[lo]) / (s[hi] - s[lo]) : 1;
		return (lo + frac) / (s.length - 1);
	}

	/**
	 * The {@code q} quantile of the normal values: the stored threshold at the threshold quantile, else interpolated
	 * between the stored quantiles (exact at multiples of 1 / (stored − 1)).
	 */
	public double quantileOf(double q) {
		if (!(q > 0 && q < 1))
			throw new IllegalArgumentException("A quantile must lie strictly between 0 and 1, not " + q + ".");
		return q == thresholdQuantile ? threshold : quantile(normalScores, q);
	}

	public boolean anomalous(double score) {
		return score > threshold;
	}

	/** Linear-interpolated quantile of sorted values (numpy's default). */
	static double quantile(double[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	private static double[] quantiles(double[] sorted, int n) {
		double[] out = new double[n];
		for (int i = 0; i < n; i++) out[i] = quantile(sorted, i / (double) (n - 1));
		return out;
	}

	private static int upperBound(double[] s, double v) {
		int lo = 0, hi = s.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (s[mid] <= v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
