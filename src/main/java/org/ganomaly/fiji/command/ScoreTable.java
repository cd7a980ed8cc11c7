package org.ganomaly.fiji.command;

import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.metrics.MinMaxScaling;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.SampleScore;
import org.ganomaly.fiji.core.score.ScoreColumn;
import org.ganomaly.fiji.core.score.ScoreRow;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.core.score.Verdict;
import org.ganomaly.fiji.image.SampleInfo;

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

	/** A sample as scored, before the run's min-max scaling and verdict. */
	private record Scored(SampleInfo info, SampleScore score, MapRegions regions, Verdict.Judgement judgement) {}

	private final ResultsTable table = new ResultsTable();
	private final Calibration calibration;
	private final Verdict verdict;
	private final double intensityScale;
	private final List<Scored> scored = new ArrayList<>();

	private int anomalous;

	/**
	 * @param intensityScale intensity units per network unit, so reconstruction errors read in the image's units
	 */
	ScoreTable(Calibration calibration, Verdict verdict, double intensityScale) {
		this.calibration = calibration;
		this.verdict = verdict;
		this.intensityScale = intensityScale;
		table.setPrecision(6);
	}

	/**
	 * @param mapRegions the sample's anomalous regions, or null when the model cannot find them
	 * @param map the sample's anomaly map, for a verdict that uses maps
	 */
	void add(SampleInfo info, SampleScore score, MapRegions mapRegions, float[] map) {
		scored.add(new Scored(info, score, mapRegions, verdict.judge(score.latent(), map)));
	}

	/** Fills the table, once every sample is in: min-max scaled scores and verdicts need them all. */
	void finish(ThresholdRule rule, double threshold) {
		int n = scored.size();
		if (n == 0) return;
		double[] latent = new double[n];
		for (int i = 0; i < n; i++) latent[i] = scored.get(i).score().latent();
		double[] scaled = MinMaxScaling.scale(latent);
		List<ScoreColumn> columns =
				ScoreColumn.of(scored.get(0).info().tiled(), scored.get(0).regions() != null);
		for (int i = 0; i < n; i++) {
			ScoreRow row = row(i + 1, scored.get(i), scaled[i], rule, threshold);
			if (row.anomalous()) anomalous++;
			table.addRow();
			for (ScoreColumn column : columns) {
				Object value = column.value(row);
				if (value instanceof Number number) table.addValue(column.title(), number.doubleValue());
				else table.addValue(column.title(), (String) value);
			}
		}
	}

	private ScoreRow row(long sample, Scored s, double scaled, ThresholdRule rule, double threshold) {
		SampleInfo info = s.info();
		double latent = s.score().latent();
		MapRegions regions = s.regions();
		return new ScoreRow(
				sample,
				info.planeName(),
				info.stackIndex(),
				info.channel(),
				info.slice(),
				info.frame(),
				info.tileX(),
				info.tileY(),
				latent,
				calibration.calibrated(latent),
				s.score().reconstructionError() * intensityScale,
				s.judgement().score(),
				scaled,
				rule.anomalous(latent, scaled, s.judgement().anomalous(), calibration.anomalous(latent), threshold),
				regions == null ? 0 : regions.count(),
				regions == null ? 0 : regions.area(),
				regions == null ? 0 : regions.max() * intensityScale);
	}

	ResultsTable table() {
		return table;
	}

	int anomalousCount() {
		return anomalous;
	}
}
