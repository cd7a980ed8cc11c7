package org.ganomaly.fiji.core.metrics;

import java.util.List;

/**
 * Anomaly maps measured against ground-truth masks, pixel by pixel, as MVTec AD does: the pixel ROC over all pixels
 * of all images ({@link #roc()}: AUC, and the pixel threshold with the best F1 with its precision and recall) and
 * the per-region overlap curve ({@link #pro()}, AUPRO up to an FPR limit).
 */
public record PixelEvaluation(RocAnalysis roc, ProCurve pro, long anomalousPixels) {

	/** The FPR limit of MVTec AD's AUPRO. */
	public static final double MVTEC_MAX_FPR = 0.3;

	/**
	 * @param maps each image's anomaly map, row by row, {@code width × height}
	 * @param masks each image's ground truth, same size (true: anomalous); an image without defects has no true
	 * @throws IllegalArgumentException if sizes differ, a map holds NaN, or the masks hold no anomalous or no normal
	 *     pixel
	 */
	public static PixelEvaluation of(List<float[]> maps, List<boolean[]> masks, int width, int height) {
		ProCurve pro = ProCurve.of(maps, masks, width, height);
		int pixels = width * height;
		double[] scores = new double[maps.size() * pixels];
		boolean[] anomalous = new boolean[scores.length];
		long positives = 0;
		for (int i = 0; i < maps.size(); i++) {
			float[] map = maps.get(i);
			boolean[] mask = masks.get(i);
			for (int p = 0; p < pixels; p++) {
				scores[i * pixels + p] = map[p];
				anomalous[i * pixels + p] = mask[p];
				if (mask[p]) positives++;
			}
		}
		return new PixelEvaluation(RocAnalysis.of(scores, anomalous), pro, positives);
	}

	public double auroc() {
		return roc.auc();
	}

	/** AUPRO up to {@link #MVTEC_MAX_FPR}. */
	public double aupro() {
		return pro.aupro(MVTEC_MAX_FPR);
	}

	/** The operating point of the best pixel F1 (its threshold is a map value). */
	public RocAnalysis.OperatingPoint bestF1() {
		return roc.bestF1();
	}

	public long pixels() {
		return (long) roc.positives() + roc.negatives();
	}
}
