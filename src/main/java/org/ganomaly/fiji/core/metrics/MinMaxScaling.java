package org.ganomaly.fiji.core.metrics;

/**
 * The paper's min-max scaling of anomaly scores over a set: s' = (s − min) / (max − min), so the set spans [0, 1].
 * When all scores are equal every scaled score is 0 (there is no spread to scale).
 */
public record MinMaxScaling(double min, double max) {

	public MinMaxScaling {
		if (!Double.isFinite(min) || !Double.isFinite(max) || max < min)
			throw new IllegalArgumentException(
					"Min-max scaling needs finite min ≤ max, not [" + min + ", " + max + "].");
	}

	/** The scaling fitted to {@code scores}, which must be non-empty and finite. */
	public static MinMaxScaling of(double[] scores) {
		if (scores.length == 0) throw new IllegalArgumentException("Min-max scaling needs at least one score.");
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < scores.length; i++) {
			if (!Double.isFinite(scores[i]))
				throw new IllegalArgumentException(
						"Score " + i + " is " + scores[i] + "; min-max scaling needs finite scores.");
			min = Math.min(min, scores[i]);
			max = Math.max(max, scores[i]);
		}
		return new MinMaxScaling(min, max);
	}

	/** {@code scores} scaled to [0, 1] over themselves. */
	public static double[] scale(double[] scores) {
		return of(scores).apply(scores);
	}

	public double apply(double score) {
		return max == min ? 0 : (score - min) / (max - min);
	}

	public double[] apply(double[] scores) {
		double[] scaled = new double[scores.length];
		for (int i = 0; i < scores.length; i++) scaled[i] = apply(scores[i]);
		return scaled;
	}
}
