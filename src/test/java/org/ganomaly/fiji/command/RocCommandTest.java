package org.ganomaly.fiji.command;

import static org.ganomaly.fiji.command.Commands.fail;
import static org.ganomaly.fiji.command.Commands.inputs;
import static org.ganomaly.fiji.command.Commands.succeed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;
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
			table.addValue("Truth", labels[i].toLowerCase().startsWith("defect") ? "yes" : "no");
		}
		return table;
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
		gap.setValue(ScoreTable.LATENT, 1, Double.NaN);
		Tables.publish("gap", gap);
		in = inputs("table", "gap");
		assertTrue(fail(RocCommand.class, in).contains("Row 2 of table 'gap' has no score"));
	}
}
