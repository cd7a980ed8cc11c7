package org.ganomaly.fiji.command;

import static org.ganomaly.fiji.command.Commands.fail;
import static org.ganomaly.fiji.command.Commands.inputs;
import static org.ganomaly.fiji.command.Commands.succeed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.command.CommandModule;

public class RocCommandTest {

	private static final double EPS = 1e-9;

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	/**
	 * Scores 0.1..0.7 with labels n, n, n, d, n, d, d (d = defect): of the 12 abnormal-normal pairs, 11 are ordered
	 * right (0.4 < 0.5 is the one wrong), so AUC = 11/12. Youden's J is highest at 0.4: TPR 1, FPR 1/4.
	 */
	private static ResultsTable scores() {
		ResultsTable table = new ResultsTable();
		String[] labels = {"normal-1", "normal-2", "normal-3", "DEFECT-1", "normal-4", "defect-2", "defect-3"};
		for (int i = 0; i < labels.length; i++) {
			table.addRow();
			table.addValue(ScoreTable.LABEL, labels[i]);
			table.addValue(ScoreTable.LATENT, 0.1 * (i + 1));
			table.addValue(ScoreTable.COMBINED, 0.1 * (i + 1)); // the default score column
			table.addValue("Truth", labels[i].toLowerCase().startsWith("defect") ? "yes" : "no");
		}
		return table;
	}

	/**
	 * Two 4×2 anomaly maps: "defect-a" is the hand case of ProCurveTest (two regions, AUPRO 0.2 / 0.3 alone); the
	 * second, "normal-b", is all 0.05 and has no mask. Over both, the 5 + 8 normal pixels give FPR steps of 1/13.
	 */
	private static ImagePlus maps() {
		ImageStack stack = new ImageStack(4, 2);
		stack.addSlice(
				"defect-a.tif", new FloatProcessor(4, 2, new float[] {0.9f, 0.8f, 0.1f, 0.4f, 0.7f, 0.2f, 0.3f, 0.6f}));
		float[] flat = new float[8];
		java.util.Arrays.fill(flat, 0.05f);
		stack.addSlice("normal-b.tif", new FloatProcessor(4, 2, flat));
		return new ImagePlus("maps", stack);
	}

	private static ByteProcessor mask(int... anomalous) {
		ByteProcessor mask = new ByteProcessor(4, 2);
		for (int p : anomalous) mask.set(p, 255);
		return mask;
	}

	@Test
	public void measuresAnomalyMapsAgainstMasksFromAStackOrAFolder() throws IOException {
		Tables.publish("scores", scores());
		ImageStack masks = new ImageStack(4, 2);
		masks.addSlice(mask(0, 1, 7));
		masks.addSlice(mask());
		CommandModule module = succeed(
				RocCommand.class,
				inputs(
						"table",
						"scores",
						"masks",
						"image",
						"anomaly_maps",
						maps(),
						"mask_image",
						new ImagePlus("masks", masks)));
		ResultsTable summary = Tables.find(RocCommand.SUMMARY_TITLE);
		// Anomalous 0.9, 0.8, 0.6 against normal 0.7 and lower (and eight 0.05s): only 0.6 < 0.7 is misordered,
		// 1 of 3 × 13 pairs.
		assertEquals(1 - 1.0 / 39, summary.getValue("Pixel AUROC", 0), EPS);
		// PRO 0.5 up to FPR 1/13, then 1: (0.5 / 13 + (0.3 - 1 / 13)) / 0.3.
		assertEquals((0.5 / 13 + 0.3 - 1.0 / 13) / 0.3, summary.getValue("AUPRO (FPR up to 0.3)", 0), EPS);
		assertEquals(2, (int) summary.getValue("Defect regions", 0));
		assertEquals(0.6, summary.getValue("Pixel threshold (best F1)", 0), 1e-6);
		assertEquals(0.75, summary.getValue("Pixel precision", 0), EPS);
		assertTrue(module.getOutput("pro_plot") != null && module.getOutput("pixel_roc_plot") != null);

		Path folder = temp.newFolder("masks").toPath();
		IJ.saveAsTiff(
				new ImagePlus("", mask(0, 1, 7)),
				folder.resolve("defect-a_mask.tif").toString());
		succeed(
				RocCommand.class,
				inputs("table", "scores", "masks", "folder", "anomaly_maps", maps(), "mask_folder", folder.toFile()));
		assertEquals(1 - 1.0 / 39, Tables.find(RocCommand.SUMMARY_TITLE).getValue("Pixel AUROC", 0), EPS);
	}

	@Test
	public void badMasksAreExplained() throws IOException {
		Tables.publish("scores", scores());
		ImageStack two = new ImageStack(4, 2);
		two.addSlice(mask(0));
		ByteProcessor grey = mask(0);
		grey.set(3, 7);
		two.addSlice(grey);
		String message = fail(
				RocCommand.class,
				inputs(
						"table",
						"scores",
						"masks",
						"image",
						"anomaly_maps",
						maps(),
						"mask_image",
						new ImagePlus("grey", two)));
		assertTrue(
				message,
				message.contains(
						"slice 2 of 'grey' is not a binary mask (it holds the values [0.0, 7.0, " + "255.0])"));

		ImageStack empty = new ImageStack(4, 2);
		empty.addSlice(mask());
		empty.addSlice(mask());
		message = fail(
				RocCommand.class,
				inputs(
						"table",
						"scores",
						"masks",
						"image",
						"anomaly_maps",
						maps(),
						"mask_image",
						new ImagePlus("empty", empty)));
		assertTrue(message, message.contains("The masks hold no anomalous pixel"));

		ImageStack one = new ImageStack(4, 2);
		one.addSlice(mask(0));
		message = fail(
				RocCommand.class,
				inputs(
						"table",
						"scores",
						"masks",
						"image",
						"anomaly_maps",
						maps(),
						"mask_image",
						new ImagePlus("one", one)));
		assertTrue(message, message.contains("do not match the anomaly maps 'maps' (4×2, 2 slices)"));

		Path folder = temp.newFolder("big").toPath();
		IJ.saveAsTiff(
				new ImagePlus("", new ByteProcessor(8, 8)),
				folder.resolve("defect-a.tif").toString());
		message = fail(
				RocCommand.class,
				inputs("table", "scores", "masks", "folder", "anomaly_maps", maps(), "mask_folder", folder.toFile()));
		assertTrue(message, message.contains("is 8×8 pixels, but the anomaly map 'defect-a.tif' is 4×2"));

		message = fail(RocCommand.class, inputs("table", "scores", "masks", "image"));
		assertTrue(message, message.contains("need the anomaly maps"));
	}

	@Test
	public void evaluatesScoresAgainstLabelsMatchingAPattern() throws IOException {
		Tables.publish("scores", scores());
		CommandModule module = succeed(RocCommand.class, inputs("table", "scores"));

		ResultsTable summary = Tables.find(RocCommand.SUMMARY_TITLE);
		assertEquals(11.0 / 12, summary.getValue("AUC", 0), EPS);
		assertEquals(3, (int) summary.getValue("Abnormal", 0));
		assertEquals(4, (int) summary.getValue("Normal", 0));
		// AP: from the top 0.7 (d, precision 1), 0.6 (d, 1), 0.5 (n), 0.4 (d, 3/4): (1 + 1 + 3/4) / 3
		assertEquals((1 + 1 + 0.75) / 3, summary.getValue("Average precision", 0), EPS);
		assertEquals(0.4, summary.getValue("Youden threshold", 0), EPS);
		assertEquals(1, summary.getValue("Youden TPR", 0), EPS);
		assertEquals(0.25, summary.getValue("Youden FPR", 0), EPS);
		assertEquals(0.75, summary.getValue("Youden precision", 0), EPS);
		assertEquals(2 * 0.75 / 1.75, summary.getValue("Youden F1", 0), EPS);
		assertFalse(summary.columnExists("At 0.2 TPR"));

		ResultsTable points = Tables.find(RocCommand.POINTS_TITLE);
		assertEquals(8, points.size());
		assertEquals(Double.POSITIVE_INFINITY, points.getValue("Threshold", 0), 0);
		assertEquals(1, points.getValue("FPR", 7), EPS);
		assertEquals(1, points.getValue("TPR", 7), EPS);
		assertEquals(3.0 / 7, points.getValue("Precision", 7), EPS);
		assertTrue(((ImagePlus) module.getOutput("roc_plot")).getWidth() > 100);
		assertTrue(((ImagePlus) module.getOutput("pr_plot")).getWidth() > 100);
	}

	@Test
	public void readsTheGroundTruthFromAColumnOfACsvFileAndScalesLikeThePaper() throws IOException {
		Path csv = temp.getRoot().toPath().resolve("scores, exported.csv");
		Tables.writeCsv(scores(), csv);
		succeed(
				RocCommand.class,
				inputs("table", csv.toString(), "ground_truth", "column", "truth_column", "Truth", "min_max", true));
		ResultsTable summary = Tables.find(RocCommand.SUMMARY_TITLE);
		assertEquals(11.0 / 12, summary.getValue("AUC", 0), EPS);
		// Min-max scaled: 0, 1/6, 2/6, ..., 1; at 0.2 all but the two lowest (normal) scores are called abnormal.
		assertEquals(1, summary.getValue("At 0.2 TPR", 0), EPS);
		assertEquals(0.5, summary.getValue("At 0.2 FPR", 0), EPS);
		assertEquals(0.5, summary.getValue("Youden threshold", 0), 1e-6);
	}

	@Test
	public void explainsWhatIsMissing() throws IOException {
		Tables.publish("scores", scores());
		Map<String, Object> in = inputs("table", "no such table");
		assertTrue(fail(RocCommand.class, in).contains("no open table named 'no such table'"));

		in.put("table", "scores");
		in.put("score_column", "Score");
		String message = fail(RocCommand.class, in);
		assertTrue(message, message.contains("no column 'Score'") && message.contains("Latent score"));

		in.put("score_column", ScoreTable.LATENT);
		in.put("abnormal_pattern", "scratch");
		message = fail(RocCommand.class, in);
		assertTrue(message, message.contains("both normal and abnormal") && message.contains("'scratch' matched none"));

		in.put("abnormal_pattern", "[");
		assertTrue(fail(RocCommand.class, in).contains("not a valid regular expression"));

		in.put("ground_truth", "column");
		in.put("truth_column", ScoreTable.LABEL);
		assertTrue(fail(RocCommand.class, in).contains("holds 'normal-1'"));

		ResultsTable gap = scores();
		gap.setValue(ScoreTable.COMBINED, 1, Double.NaN);
		Tables.publish("gap", gap);
		in = inputs("table", "gap");
		assertTrue(fail(RocCommand.class, in).contains("Row 2 of table 'gap' has no score"));
	}
}
