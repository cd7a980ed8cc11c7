package org.ganomaly.fiji.core.score;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of the scores table, in their order, for Score Stack's table and CSV and the Spark job's Parquet or CSV
 * alike (the job adds its own after them): a column is one line here.
 */
public enum ScoreColumn {
	SAMPLE("Sample", Kind.LONG, Shown.ALWAYS, ScoreRow::sample),
	LABEL("Label", Kind.TEXT, Shown.ALWAYS, row -> row.scores().label()),
	SLICE("Slice", Kind.INT, Shown.ALWAYS, row -> row.scores().slice()),
	CHANNEL("C", Kind.INT, Shown.ALWAYS, row -> row.scores().channel()),
	Z("Z", Kind.INT, Shown.ALWAYS, row -> row.scores().z()),
	FRAME("T", Kind.INT, Shown.ALWAYS, row -> row.scores().frame()),
	TILE_X("Tile X", Kind.INT, Shown.TILED, row -> row.scores().tileX()),
	TILE_Y("Tile Y", Kind.INT, Shown.TILED, row -> row.scores().tileY()),
	LATENT("Latent score", Kind.DOUBLE, Shown.ALWAYS, row -> row.scores().latent()),
	CALIBRATED(
			"Calibrated score", Kind.DOUBLE, Shown.ALWAYS, row -> row.scores().calibrated()),
	RECONSTRUCTION(
			"Reconstruction error",
			Kind.DOUBLE,
			Shown.ALWAYS,
			row -> row.scores().reconstructionError()),
	COMBINED("Combined score", Kind.DOUBLE, Shown.ALWAYS, row -> row.scores().combined()),
	MIN_MAX("Min-max score", Kind.DOUBLE, Shown.ALWAYS, ScoreRow::minMax),
	ANOMALOUS("Anomalous", Kind.TEXT, Shown.ALWAYS, row -> row.anomalous() ? "yes" : "no"),
	REGIONS("Regions", Kind.INT, Shown.REGIONS, row -> row.scores().regions()),
	AREA("Anomalous area (px)", Kind.LONG, Shown.REGIONS, row -> row.scores().area()),
	MAX_MAP("Max map value", Kind.DOUBLE, Shown.REGIONS, row -> row.scores().maxMap());

	/** What a column holds: whole numbers (int or long), real numbers, or text. */
	public enum Kind {
		INT,
		LONG,
		DOUBLE,
		TEXT
	}

	/** When a table has the column: always, for tiled models, or for models with a pixel calibration. */
	private enum Shown {
		ALWAYS,
		TILED,
		REGIONS
	}

	private final String title;
	private final Kind kind;
	private final Shown shown;
	private final Function<ScoreRow, Object> value;

	ScoreColumn(String title, Kind kind, Shown shown, Function<ScoreRow, Object> value) {
		this.title = title;
		this.kind = kind;
		this.shown = shown;
		this.value = value;
	}

	public String title() {
		return title;
	}

	public Kind kind() {
		return kind;
	}

	/** The row's value in this column: an Integer, Long, Double or String as {@link #kind()} says. */
	public Object value(ScoreRow row) {
		return value.apply(row);
	}

	/**
	 * The columns of a table, in order.
	 *
	 * @param tiled whether the model cuts tiles
	 * @param regions whether the model has a pixel calibration to find regions with
	 */
	public static List<ScoreColumn> of(boolean tiled, boolean regions) {
		return Arrays.stream(values())
				.filter(c -> c.shown == Shown.ALWAYS
						|| (c.shown == Shown.TILED && tiled)
						|| (c.shown == Shown.REGIONS && regions))
				.toList();
	}
}
