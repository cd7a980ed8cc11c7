package org.ganomaly.fiji.core.metrics;

import java.util.List;

/**
 * Anomaly maps measured against ground-truth masks, pixel by pixel, as MVTec AD does: the pixel ROC's AUC over all
 * pixels of all images, AUPRO up to an FPR limit ({@link ProCurve}), and the pixel threshold with the best F1 with
 * its precision and recall.
 *
 * @param bestF1 the operating point of the best pixel F1 (its threshold is a map value)
 * @param regions connected ground-truth regions
 */
public record PixelEvaluation(
		double auroc,
		double aupro,
		double maxFpr,
		RocAnalysis.OperatingPoint bestF1,
		int regions,
		long pixels,
		long anomalousPixels) {

	/** The FPR limit of MVTec AD's AUPRO. */
	public static final double MVTEC_MAX_FPR = 0.3;

	/**
	 * @param maps each image's anomaly map, row by row, {@code width × height}
	 * @param masks each image's ground truth, same size (true: anomalous); an image without defects has no true
	 * @throws IllegalArgumentException if sizes differ, a map holds NaN, or the masks hold no anomalous or no normal
	 *     pixel
	 */
	public static PixelEvaluation of(List<float[]> maps, List<boolean[]> masks, int width, int height, double maxFpr) {
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
		RocAnalysis roc = RocAnalysis.of(scores, anomalous);
		return new PixelEvaluation(
				roc.auc(), pro.aupro(maxFpr), maxFpr, roc.bestF1(), pro.regions(), scores.length, positives);
	}
}
