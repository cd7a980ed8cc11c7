package org.ganomaly.fiji.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receiver operating characteristic and precision–recall analysis of anomaly scores. Abnormal samples are the
 * positives and a higher score means more abnormal; a sample is classified abnormal when its score is ≥ the
 * threshold. All quantities are exact and computed in O(n log n).
 */
public final class RocAnalysis {

	/** One point of the ROC curve: the rates obtained when scores ≥ {@code threshold} are called abnormal. */
	public record RocPoint(double fpr, double tpr, double threshold) {}

	/** One point of the precision–recall curve, for scores ≥ {@code threshold} called abnormal. */
	public record PrPoint(double recall, double precision, double threshold) {}

	/** The classification obtained at one threshold. */
	public record OperatingPoint(double threshold, double tpr, double fpr, double precision, double f1) {

		/** Youden's J statistic, TPR − FPR. */
		public double youdenJ() {
			return tpr - fpr;
		}
	}

	private final int positives;
	private final int negatives;
	/** Distinct scores in decreasing order, with the cumulative counts of positives/negatives scoring ≥ each. */
	private final double[] thresholds;

	private final int[] truePositives;
	private final int[] falsePositives;

	private RocAnalysis(int positives, int negatives, double[] thresholds, int[] truePositives, int[] falsePositives) {
		this.positives = positives;
		this.negatives = negatives;
		this.thresholds = thresholds;
		this.truePositives = truePositives;
		this.falsePositives = falsePositives;
	}

	/**
	 * @param scores anomaly scores, higher = more abnormal; no NaN
	 * @param abnormal {@code true} for abnormal (positive) samples
	 */
	public static RocAnalysis of(double[] scores, boolean[] abnormal) {
		if (scores.length != abnormal.length)
			throw new IllegalArgumentException("Scores and labels differ in length: " + scores.length + " scores, "
					+ abnormal.length + " labels.");
		if (scores.length == 0)
			throw new IllegalArgumentException(
					"ROC needs at least one normal and one abnormal sample; got no samples.");
		int p = 0;
		for (int i = 0; i < scores.length; i++) {
			if (Double.isNaN(scores[i]))
				throw new IllegalArgumentException("Score " + i + " is NaN; every sample needs a score.");
			if (abnormal[i]) p++;
		}
		int n = scores.length - p;
		if (p == 0)
			throw new IllegalArgumentException(
					"ROC needs both normal and abnormal samples; found only " + n + " normal.");
		if (n == 0)
			throw new IllegalArgumentException(
					"ROC needs both normal and abnormal samples; found only " + p + " abnormal.");

		double[] pos = new double[p];
		double[] neg = new double[n];
		for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
			if (abnormal[i]) pos[a++] = scores[i];
			else neg[b++] = scores[i];
		}
		Arrays.sort(pos);
		Arrays.sort(neg);

		// Walk both sorted lists from the top, one distinct score at a time, so tied scores form one step.
		double[] thr = new double[p + n];
		int[] tps = new int[p + n];
		int[] fps = new int[p + n];
		int count = 0;
		int i = p - 1, j = n - 1, tp = 0, fp = 0;
		while (i >= 0 || j >= 0) {
			double t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
			while (i >= 0 && pos[i] == t) {
				tp++;
				i--;
			}
			while (j >= 0 && neg[j] == t) {
				fp++;
				j--;
			}
			thr[count] = t;
			tps[count] = tp;
			fps[count] = fp;
			count++;
		}
		return new RocAnalysis(p, n, Arrays.copyOf(thr, count), Arrays.copyOf(tps, count), Arrays.copyOf(fps, count));
	}

	public int positives() {
		return positives;
	}

	public int negatives() {
		return negatives;
	}

	/**
	 * Area under the ROC curve: the probability that a random abnormal sample scores higher than a random normal
	 * one, ties counted as one half (trapezoids between the curve's points give exactly this).
	 */
	public double auc() {
		double area = 0; // in units of (false positives × true positives)
		int prevTp = 0, prevFp = 0;
		for (int k = 0; k < thresholds.length; k++) {
			area += (double) (falsePositives[k] - prevFp) * (truePositives[k] + prevTp) / 2;
			prevTp = truePositives[k];
			prevFp = falsePositives[k];
		}
		return area / ((double) positives * negatives);
	}

	/**
	 * Average precision as scikit-learn's {@code average_precision_score}: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct
	 * thresholds in decreasing order (a step function, no interpolation).
	 */
	public double averagePrecision() {
		double ap = 0;
		int prevTp = 0;
		for (int k = 0; k < thresholds.length; k++) {
			ap += (double) (truePositives[k] - prevTp) / positives * precision(k);
			prevTp = truePositives[k];
		}
		return ap;
	}

	/**
	 * ROC curve from (0, 0) at threshold +∞ to (1, 1) at the lowest score, one point per distinct score in
	 * decreasing threshold order.
	 */
	public List<RocPoint> rocCurve() {
		List<RocPoint> curve = new ArrayList<>(thresholds.length + 1);
		curve.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
		for (int k = 0; k < thresholds.length; k++) curve.add(new RocPoint(fpr(k), tpr(k), thresholds[k]));
		return curve;
	}

	/** Precision–recall curve, one point per distinct score in decreasing threshold order (recall increasing). */
	public List<PrPoint> precisionRecallCurve() {
		List<PrPoint> curve = new ArrayList<>(thresholds.length);
		for (int k = 0; k < thresholds.length; k++) curve.add(new PrPoint(tpr(k), precision(k), thresholds[k]));
		return curve;
	}

	/** The threshold maximising Youden's J = TPR − FPR; among equal J the highest threshold wins. */
	public OperatingPoint youdenOptimum() {
		int best = 0;
		for (int k = 1; k < thresholds.length; k++) if (tpr(k) - fpr(k) > tpr(best) - fpr(best)) best = k;
		return operatingPoint(best);
	}

	/** The threshold maximising F1, the harmonic mean of precision and recall; among equal F1 the highest wins. */
	public OperatingPoint bestF1() {
		OperatingPoint best = operatingPoint(0);
		for (int k = 1; k < thresholds.length; k++) {
			OperatingPoint p = operatingPoint(k);
			if (p.f1() > best.f1()) best = p;
		}
		return best;
	}

	/**
	 * The classification obtained when scores ≥ {@code threshold} are called abnormal (e.g. the paper's 0.2 on
	 * min-max scaled scores). When no score reaches the threshold, precision is reported as 1 (no false alarms).
	 */
	public OperatingPoint at(double threshold) {
		if (Double.isNaN(threshold)) throw new IllegalArgumentException("Threshold is NaN.");
		// thresholds are decreasing: find the last one still ≥ threshold
		int k = -1;
		while (k + 1 < thresholds.length && thresholds[k + 1] >= threshold) k++;
		if (k < 0) return new OperatingPoint(threshold, 0, 0, 1, 0);
		OperatingPoint p = operatingPoint(k);
		return new OperatingPoint(threshold, p.tpr(), p.fpr(), p.precision(), p.f1());
	}

	private OperatingPoint operatingPoint(int k) {
		double precision = precision(k), recall = tpr(k);
		double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
		return new OperatingPoint(thresholds[k], recall, fpr(k), precision, f1);
	}

	private double tpr(int k) {
		return (double) truePositives[k] / positives;
	}

	private double fpr(int k) {
		return (double) falsePositives[k] / negatives;
	}

	private double precision(int k) {
		return (double) truePositives[k] / (truePositives[k] + falsePositives[k]);
	}
}
