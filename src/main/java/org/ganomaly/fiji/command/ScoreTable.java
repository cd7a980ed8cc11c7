package org.ganomaly.fiji.command;

import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.metrics.MinMaxScaling;
import org.ganomaly.fiji.core.score.ScoreColumn;
import org.ganomaly.fiji.core.score.ScoreRow;
import org.ganomaly.fiji.core.score.ScoredSample;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.core.score.Verdict;

/**
 * The "GANomaly Scores" table Score Stack fills: one {@link ScoreRow} per sample, in input order, in the columns the
 * Spark job's table shares ({@link ScoreColumn}).
 */
public final class ScoreTable {

	public static final String TITLE = "GANomaly Scores";
	public static final String LABEL = ScoreColumn.LABEL.title();
	public static final String LATENT = ScoreColumn.LATENT.title();
	public static final String CALIBRATED = ScoreColumn.CALIBRATED.title();
	public static final String RECONSTRUCTION = ScoreColumn.RECONSTRUCTION.title();
	public static final String MIN_MAX = ScoreColumn.MIN_MAX.title();
	/** The verdict's score ({@link Verdict}): how rare the sample is among normal images, as -log10. */
	public static final String COMBINED = ScoreColumn.COMBINED.title();

	public static final String ANOMALOUS = ScoreColumn.ANOMALOUS.title();
	public static final String REGIONS = ScoreColumn.REGIONS.title();
	public static final String AREA = ScoreColumn.AREA.title();
	public static final String MAX_MAP = ScoreColumn.MAX_MAP.title();

	private final ResultsTable table = new ResultsTable();
	private final List<ScoreColumn> columns;
	private final List<ScoredSample> scored = new ArrayList<>();

	private int anomalous;

	/** @param columns the model's columns ({@link org.ganomaly.fiji.core.job.ScoringSession#columns}) */
	ScoreTable(List<ScoreColumn> columns) {
		this.columns = columns;
		table.setPrecision(6);
	}

	void add(ScoredSample sample) {
		scored.add(sample);
	}

	/**
	 * Fills the table, once every sample is in: the min-max scaled scores (over this run) and the verdicts of the
	 * rules that use them need them all.
	 */
	void finish(ThresholdRule rule, double threshold) {
		int n = scored.size();
		if (n == 0) return;
		double[] latent = new double[n];
		for (int i = 0; i < n; i++) latent[i] = scored.get(i).latent();
		double[] scaled = MinMaxScaling.scale(latent);
		for (int i = 0; i < n; i++) {
			ScoreRow row = scored.get(i).row(i + 1, scaled[i], rule, threshold);
			if (row.anomalous()) anomalous++;
			table.addRow();
			for (ScoreColumn column : columns) {
				Object value = column.value(row);
				if (value instanceof Number number) table.addValue(column.title(), number.doubleValue());
				else table.addValue(column.title(), (String) value);
			}
		}
	}

	ResultsTable table() {
		return table;
	}

	int anomalousCount() {
		return anomalous;
	}
}
