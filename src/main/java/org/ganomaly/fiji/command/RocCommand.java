package org.ganomaly.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.choice.ChoiceCheck;
import org.ganomaly.fiji.core.choice.MaskOrigin;
import org.ganomaly.fiji.core.choice.TruthOrigin;
import org.ganomaly.fiji.core.metrics.MinMaxScaling;
import org.ganomaly.fiji.core.metrics.PixelEvaluation;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.image.GroundTruthMasks;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * ROC Evaluation: how well a table's scores separate abnormal from normal samples, given the ground truth: ROC AUC,
 * average precision, the threshold maximising Youden's J, the curves as plots and their points as a table.
 */
@Plugin(type = Command.class, label = "ROC Evaluation", headless = true)
public class RocCommand extends GanomalyCommand {

	public static final String SUMMARY_TITLE = "GANomaly ROC";
	public static final String POINTS_TITLE = "GANomaly ROC Points";
	static final String LABELS = "labels";
	static final String COLUMN = "column";
	/** The paper's threshold on min-max scaled scores. */
	static final double PAPER_THRESHOLD = 0.2;

	@Parameter(
			label = "Table",
			style = Choices.TABLE_STYLE,
			description = "Title of an open results table, or the path of a CSV file.")
	private String table = ScoreTable.TITLE;

	@Parameter(label = "Score column", description = "The column of scores; higher means more abnormal.")
	private String score_column = ScoreTable.COMBINED;

	@Parameter(
			label = "Ground truth",
			choices = {LABELS, COLUMN},
			description = "labels: a sample is abnormal when its label matches the pattern below. column: a column of "
					+ "1/0, yes/no or true/false.")
	private String ground_truth = LABELS;

	@Parameter(
			label = "Abnormal pattern",
			description = "Regular expression found (case-insensitive) in the labels of abnormal samples.")
	private String abnormal_pattern = "defect|abnormal";

	@Parameter(label = "Label column", description = "The column holding slice labels or file names.")
	private String label_column = ScoreTable.LABEL;

	@Parameter(label = "Truth column", description = "The column holding the ground truth (ground truth: column).")
	private String truth_column = "Abnormal";

	@Parameter(
			label = "Min-max scaling",
			description =
					"Scale the scores to [0, 1] over the table first, as the paper does, and also report the paper's "
							+ "operating point at 0.2.")
	private boolean min_max = false;

	@Parameter(
			label = "Output folder",
			style = FileWidget.DIRECTORY_STYLE,
			required = false,
			description =
					"Optional: also write roc-summary.csv, roc-points.csv, roc.png and precision-recall.png to this "
							+ "folder (made if missing), for headless runs, where macros cannot read result tables.")
	private File output_folder;

	@Parameter(
			label = "Pixel-level masks",
			choices = {Choices.NONE, Choices.IMAGE, Choices.FOLDER},
			description = "Also measure the anomaly maps against ground-truth masks, pixel by pixel: a mask stack "
					+ "matching the maps slice for slice (image), a folder of mask files named as the maps' slices "
					+ "(name.* or name_mask.*; a slice without one is all normal), or none.")
	private String masks = Choices.NONE;

	@Parameter(
			label = "Anomaly maps",
			required = false,
			description =
					"Score Stack's anomaly map stack (32-bit, one slice per sample), for the pixel-level measures.")
	private ImagePlus anomaly_maps;

	@Parameter(label = "Mask image", required = false, description = "The mask stack (masks: image); 0 is normal.")
	private ImagePlus mask_image;

	@Parameter(
			label = "Mask folder",
			required = false,
			style = FileWidget.DIRECTORY_STYLE,
			description = "The folder of mask files (masks: folder); 0 is normal.")
	private File mask_folder;

	@Parameter(label = "ROC curve", type = ItemIO.OUTPUT)
	private ImagePlus roc_plot;

	@Parameter(label = "Precision-recall curve", type = ItemIO.OUTPUT)
	private ImagePlus pr_plot;

	@Parameter(label = "Pixel ROC curve", type = ItemIO.OUTPUT)
	private ImagePlus pixel_roc_plot;

	@Parameter(label = "PRO curve", type = ItemIO.OUTPUT)
	private ImagePlus pro_plot;

	@Override
	protected void execute() throws IOException {
		// Every word first: a typo in a pipeline must stop it before any work.
		ChoiceCheck check = new ChoiceCheck();
		TruthOrigin truth = check.parse("ground_truth", ground_truth, TruthOrigin.class);
		MaskOrigin maskOrigin = check.parse("masks", masks, MaskOrigin.class);
		check.done();

		ResultsTable scores = Tables.find(table);
		double[] values = Tables.numericColumn(scores, score_column, table);
		for (int row = 0; row < values.length; row++)
			if (!Double.isFinite(values[row]))
				throw new IllegalArgumentException(
						"Row " + (row + 1) + " of table '" + table + "' has no score in column '" + score_column + "' ("
								+ values[row] + "). Every sample needs a score.");
		boolean[] abnormal = groundTruth(scores, truth);
		if (min_max) values = MinMaxScaling.scale(values);
		RocAnalysis analysis = analyse(values, abnormal, truth);

		RocAnalysis.OperatingPoint youden = analysis.youdenOptimum();
		ResultsTable summary = new ResultsTable();
		summary.setPrecision(6);
		summary.addRow();
		summary.addValue("Table", table);
		summary.addValue("Score column", score_column + (min_max ? " (min-max scaled)" : ""));
		summary.addValue("Samples", values.length);
		summary.addValue("Abnormal", analysis.positives());
		summary.addValue("Normal", analysis.negatives());
		summary.addValue("AUC", analysis.auc());
		summary.addValue("Average precision", analysis.averagePrecision());
		addOperatingPoint(summary, "Youden ", youden);
		if (min_max) addOperatingPoint(summary, "At 0.2 ", analysis.at(PAPER_THRESHOLD));
		PixelEvaluation pixels = pixelEvaluation(maskOrigin);
		if (pixels != null) addPixelMeasures(summary, pixels);
		Tables.publish(SUMMARY_TITLE, summary);
		ResultsTable points = points(analysis);
		Tables.publish(POINTS_TITLE, points);
		String name = new File(table).getName(); // a CSV file's name without its folder
		roc_plot = RocPlots.roc(analysis, "ROC curve of " + name).getImagePlus();
		pr_plot = RocPlots.precisionRecall(analysis, "Precision-recall curve of " + name)
				.getImagePlus();
		if (pixels != null) {
			pixel_roc_plot = RocPlots.roc(pixels.roc(), "Pixel ROC curve of " + anomaly_maps.getTitle())
					.getImagePlus();
			pro_plot = RocPlots.pro(
							pixels.pro(), PixelEvaluation.MVTEC_MAX_FPR, "PRO curve of " + anomaly_maps.getTitle())
					.getImagePlus();
		}
		if (output_folder != null && !output_folder.getPath().isBlank())
			writeOutputs(output_folder.toPath(), summary, points);
		info(String.format(
				Locale.ROOT,
				"%s, column '%s'%s: %d abnormal, %d normal. AUC %.4f, average precision %.4f. "
						+ "Youden threshold %.6g: TPR %.4f, FPR %.4f, precision %.4f, F1 %.4f.",
				table,
				score_column,
				min_max ? " (min-max scaled)" : "",
				analysis.positives(),
				analysis.negatives(),
				analysis.auc(),
				analysis.averagePrecision(),
				youden.threshold(),
				youden.tpr(),
				youden.fpr(),
				youden.precision(),
				youden.f1()));
	}

	/** The pixel-level measures when masks are asked for; null when not. */
	private PixelEvaluation pixelEvaluation(MaskOrigin origin) {
		if (origin == MaskOrigin.NONE) return null;
		if (anomaly_maps == null)
			throw new IllegalArgumentException("Pixel-level masks need the anomaly maps: choose Score Stack's anomaly "
					+ "map stack (macro key 'anomaly_maps'), or choose masks 'none'.");
		List<boolean[]> truth;
		if (origin == MaskOrigin.IMAGE) {
			if (mask_image == null)
				throw new IllegalArgumentException(
						"No mask image was given: open the mask stack, or take the masks " + "from a folder.");
			truth = GroundTruthMasks.fromStack(anomaly_maps, mask_image);
		} else {
			if (mask_folder == null || mask_folder.getPath().isBlank())
				throw new IllegalArgumentException("No mask folder was given: choose the folder of mask files.");
			truth = GroundTruthMasks.fromFolder(anomaly_maps, mask_folder.toPath());
		}
		try {
			return PixelEvaluation.of(
					GroundTruthMasks.maps(anomaly_maps), truth, anomaly_maps.getWidth(), anomaly_maps.getHeight());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(
					"Pixel-level evaluation of '" + anomaly_maps.getTitle() + "': " + e.getMessage()
							+ " Check that the masks mark the defects (non-zero) and belong to these maps.",
					e);
		}
	}

	private void addPixelMeasures(ResultsTable summary, PixelEvaluation pixels) {
		summary.addValue("Pixels", pixels.pixels());
		summary.addValue("Anomalous pixels", pixels.anomalousPixels());
		summary.addValue("Defect regions", pixels.pro().regions());
		summary.addValue("Pixel AUROC", pixels.auroc());
		summary.addValue("AUPRO (FPR up to 0.3)", pixels.aupro());
		RocAnalysis.OperatingPoint best = pixels.bestF1();
		summary.addValue("Pixel threshold (best F1)", best.threshold());
		summary.addValue("Pixel precision", best.precision());
		summary.addValue("Pixel recall", best.tpr());
		summary.addValue("Pixel F1", best.f1());
		info(String.format(
				Locale.ROOT,
				"Anomaly maps '%s' against their masks: pixel AUROC %.4f, AUPRO (FPR up to 0.3) %.4f over %d defect "
						+ "regions; best pixel threshold %.6g: precision %.4f, recall %.4f, F1 %.4f.",
				anomaly_maps.getTitle(),
				pixels.auroc(),
				pixels.aupro(),
				pixels.pro().regions(),
				best.threshold(),
				best.precision(),
				best.tpr(),
				best.f1()));
	}

	/** The folder is made by the first write if missing (SafeWrite). */
	private void writeOutputs(Path folder, ResultsTable summary, ResultsTable points) throws IOException {
		Tables.writeCsv(summary, folder.resolve("roc-summary.csv"));
		Tables.writeCsv(points, folder.resolve("roc-points.csv"));
		AtomicFiles.writePng(roc_plot, folder.resolve("roc.png"));
		AtomicFiles.writePng(pr_plot, folder.resolve("precision-recall.png"));
		if (pixel_roc_plot != null) AtomicFiles.writePng(pixel_roc_plot, folder.resolve("pixel-roc.png"));
		if (pro_plot != null) AtomicFiles.writePng(pro_plot, folder.resolve("pro.png"));
		info("ROC summary, points and plots written to " + folder.toAbsolutePath());
	}

	private boolean[] groundTruth(ResultsTable scores, TruthOrigin truth) {
		if (truth == TruthOrigin.COLUMN)
			return GroundTruth.fromColumn(Tables.textColumn(scores, truth_column, table), truth_column);
		return GroundTruth.fromLabels(Tables.textColumn(scores, label_column, table), abnormal_pattern);
	}

	/** The analysis, or a message saying what the ground truth held when it has only one class. */
	private RocAnalysis analyse(double[] values, boolean[] abnormal, TruthOrigin truth) {
		int positives = 0;
		for (boolean a : abnormal) if (a) positives++;
		if (positives == 0 || positives == abnormal.length) {
			String source = truth == TruthOrigin.LABELS
					? "the pattern '" + abnormal_pattern + "' matched "
							+ (positives == 0 ? "none" : "all") + " of the " + abnormal.length + " labels in column '"
							+ label_column + "'"
					: "column '" + truth_column + "' calls " + (positives == 0 ? "none" : "all") + " of the "
							+ abnormal.length + " rows abnormal";
			throw new IllegalArgumentException("ROC needs both normal and abnormal samples, but " + source + ".");
		}
		return RocAnalysis.of(values, abnormal);
	}

	private static void addOperatingPoint(ResultsTable summary, String prefix, RocAnalysis.OperatingPoint point) {
		summary.addValue(prefix + "threshold", point.threshold());
		summary.addValue(prefix + "TPR", point.tpr());
		summary.addValue(prefix + "FPR", point.fpr());
		summary.addValue(prefix + "precision", point.precision());
		summary.addValue(prefix + "F1", point.f1());
	}

	/** One row per ROC point, from threshold +Infinity down; precision is undefined (NaN) at +Infinity. */
	private static ResultsTable points(RocAnalysis analysis) {
		ResultsTable points = new ResultsTable();
		points.setPrecision(6);
		List<RocAnalysis.RocPoint> roc = analysis.rocCurve();
		List<RocAnalysis.PrPoint> pr = analysis.precisionRecallCurve();
		for (int i = 0; i < roc.size(); i++) {
			points.addRow();
			points.addValue("Threshold", roc.get(i).threshold());
			points.addValue("FPR", roc.get(i).fpr());
			points.addValue("TPR", roc.get(i).tpr());
			points.addValue("Precision", i == 0 ? Double.NaN : pr.get(i - 1).precision());
		}
		return points;
	}
}
