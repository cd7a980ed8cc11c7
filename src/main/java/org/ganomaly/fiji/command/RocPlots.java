package org.ganomaly.fiji.command;

import ij.gui.Plot;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.metrics.ProCurve;
import org.ganomaly.fiji.core.metrics.RocAnalysis;

/** The ROC and precision-recall curves of an analysis as ImageJ plots. */
final class RocPlots {

	private RocPlots() {}

	static Plot roc(RocAnalysis analysis, String title) {
		List<RocAnalysis.RocPoint> curve = analysis.rocCurve();
		double[] fpr = new double[curve.size()], tpr = new double[curve.size()];
		for (int i = 0; i < curve.size(); i++) {
			fpr[i] = curve.get(i).fpr();
			tpr[i] = curve.get(i).tpr();
		}
		RocAnalysis.OperatingPoint youden = analysis.youdenOptimum();
		Plot plot = new Plot(title, "false positive rate", "true positive rate");
		plot.setLimits(0, 1, 0, 1);
		plot.setColor(Color.LIGHT_GRAY);
		plot.add("line", new double[] {0, 1}, new double[] {0, 1});
		plot.setColor(Color.BLUE);
		plot.setLineWidth(2);
		plot.add("line", fpr, tpr);
		plot.setLineWidth(1);
		plot.setColor(Color.RED);
		plot.add("circle", new double[] {youden.fpr()}, new double[] {youden.tpr()});
		plot.setColor(Color.BLACK);
		plot.addLabel(
				0.45,
				0.9,
				String.format(Locale.ROOT, "AUC %.4f\nYouden threshold %.4g", analysis.auc(), youden.threshold()));
		return plot;
	}

	static Plot precisionRecall(RocAnalysis analysis, String title) {
		List<RocAnalysis.PrPoint> curve = analysis.precisionRecallCurve();
		double[] recall = new double[curve.size()], precision = new double[curve.size()];
		for (int i = 0; i < curve.size(); i++) {
			recall[i] = curve.get(i).recall();
			precision[i] = curve.get(i).precision();
		}
		double prevalence = analysis.positives() / (double) (analysis.positives() + analysis.negatives());
		Plot plot = new Plot(title, "recall", "precision");
		plot.setLimits(0, 1, 0, 1.02);
		plot.setColor(Color.LIGHT_GRAY);
		plot.add("line", new double[] {0, 1}, new double[] {prevalence, prevalence});
		plot.setColor(Color.BLUE);
		plot.setLineWidth(2);
		plot.add("line", recall, precision);
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLabel(0.05, 0.1, String.format(Locale.ROOT, "average precision %.4f", analysis.averagePrecision()));
		return plot;
	}

	/** The PRO curve with the FPR limit of its AUPRO marked; at most about 2,000 points drawn. */
	static Plot pro(ProCurve curve, double maxFpr, String title) {
		List<ProCurve.Point> points = curve.points();
		int step = Math.max(1, points.size() / 2000);
		int n = (points.size() + step - 1) / step + 1;
		double[] fpr = new double[n], pro = new double[n];
		int k = 0;
		for (int i = 0; i < points.size(); i += step, k++) {
			fpr[k] = points.get(i).fpr();
			pro[k] = points.get(i).pro();
		}
		ProCurve.Point last = points.get(points.size() - 1);
		fpr[k] = last.fpr();
		pro[k] = last.pro();
		Plot plot = new Plot(title, "false positive rate (normal pixels)", "per-region overlap");
		plot.setLimits(0, 1, 0, 1.02);
		plot.setColor(Color.LIGHT_GRAY);
		plot.add("line", new double[] {maxFpr, maxFpr}, new double[] {0, 1.02});
		plot.setColor(Color.BLUE);
		plot.setLineWidth(2);
		plot.add("line", java.util.Arrays.copyOf(fpr, k + 1), java.util.Arrays.copyOf(pro, k + 1));
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLabel(
				0.45,
				0.9,
				String.format(
						Locale.ROOT,
						"AUPRO (FPR up to %.2g) %.4f\n%d regions",
						maxFpr,
						curve.aupro(maxFpr),
						curve.regions()));
		return plot;
	}
}
