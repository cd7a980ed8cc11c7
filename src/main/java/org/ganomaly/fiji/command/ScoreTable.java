package org.ganomaly.fiji.command;

import ij.measure.ResultsTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.metrics.MinMaxScaling;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.SampleScore;
import org.ganomaly.fiji.core.score.Verdict;
import org.ganomaly.fiji.image.SampleInfo;

/** The "GANomaly Scores" table Score Stack fills: one row per sample, in input order. */
public final class ScoreTable {

	public static final String TITLE = "GANomaly Scores";
	public static final String LABEL = "Label";
	public static final String LATENT = "Latent score";
	public static final String CALIBRATED = "Calibrated score";
	public static final String RECONSTRUCTION = "Reconstruction error";
	public static final String MIN_MAX = "Min-max score";
	/** The verdict's score ({@link Verdict}): how rare the sample is among normal images, as -log10. */
	public static final String COMBINED = "Combined score";

	public static final String ANOMALOUS = "Anomalous";
	public static final String REGIONS = "Regions";
	public static final String AREA = "Anomalous area (px)";
	public static final String MAX_MAP = "Max map value";

	/** Which scores are called anomalous. */
	enum Rule {
		/** The model's verdict: combined score of latent score and map above its threshold ({@link Verdict}). */
		MODEL,
		/** Latent score above the model's threshold (a quantile of validation normals' scores). */
		MODEL_LATENT,
		/** Latent score above a given threshold. */
		LATENT,
		/** The paper's rule: the latent score min-max scaled over the scored set is at least a given threshold. */
		MIN_MAX
	}

	private final ResultsTable table = new ResultsTable();
	private final Calibration calibration;
	private final Verdict verdict;
	private final double intensityScale;
	private double[] latent = new double[64];
	private boolean[] verdicts = new boolean[64];
	/** Each row's regions; empty when the model has no pixel calibration to find them with. */
	private final List<MapRegions> regions = new ArrayList<>();

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
		if (mapRegions != null) regions.add(mapRegions);
		int row = table.size();
		if (row == latent.length) {
			latent = Arrays.copyOf(latent, 2 * row);
			verdicts = Arrays.copyOf(verdicts, 2 * row);
		}
		latent[row] = score.latent();
		Verdict.Judgement judgement = verdict.judge(score.latent(), map);
		verdicts[row] = judgement.anomalous();
		table.addRow();
		table.addValue("Sample", row + 1);
		table.addValue(LABEL, info.planeName());
		table.addValue("Slice", info.stackIndex());
		table.addValue("C", info.channel());
		table.addValue("Z", info.slice());
		table.addValue("T", info.frame());
		if (info.tiled()) {
			table.addValue("Tile X", info.tileX());
			table.addValue("Tile Y", info.tileY());
		}
		table.addValue(LATENT, score.latent());
		table.addValue(CALIBRATED, calibration.calibrated(score.latent()));
		table.addValue(RECONSTRUCTION, score.reconstructionError() * intensityScale);
		table.addValue(COMBINED, judgement.score());
	}

	/** Adds the min-max scaled scores and the anomalous column, once every sample is in. */
	void finish(Rule rule, double threshold) {
		int n = table.size();
		if (n == 0) return;
		double[] scaled = MinMaxScaling.scale(Arrays.copyOf(latent, n));
		for (int row = 0; row < n; row++) {
			boolean flagged = switch (rule) {
				case MODEL -> verdicts[row];
				case MODEL_LATENT -> calibration.anomalous(latent[row]);
				case LATENT -> latent[row] > threshold;
				case MIN_MAX -> scaled[row] >= threshold;
			};
			if (flagged) anomalous++;
			table.setValue(MIN_MAX, row, scaled[row]);
			table.setValue(ANOMALOUS, row, flagged ? "yes" : "no");
			if (regions.size() == n) {
				MapRegions r = regions.get(row);
				table.setValue(REGIONS, row, r.count());
				table.setValue(AREA, row, r.area());
				table.setValue(MAX_MAP, row, r.max() * intensityScale);
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
