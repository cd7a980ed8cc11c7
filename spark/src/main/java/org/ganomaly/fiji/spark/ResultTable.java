package org.ganomaly.fiji.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.core.metrics.MinMaxScaling;
import org.ganomaly.fiji.core.score.ScoreColumn;
import org.ganomaly.fiji.core.score.ScoreRow;
import org.ganomaly.fiji.core.score.ThresholdRule;

/**
 * The job's table: Score Stack's columns ({@link ScoreColumn}, the same definitions, filled from the same
 * {@link ScoreRow}), then {@code Source} (the file's URI),
 * {@code Model SHA-256}, {@code Anomaly map} (with maps) and {@code Status} ({@code scored} or {@code skipped})
 * with its {@code Error}. Skipped files have a row with no sample number and no scores.
 * <p>
 * Two columns depend on every score, as in Score Stack: {@code Sample} numbers the scored samples 1, 2, ... in input
 * order, and {@code Min-max score} scales the latent scores over all of them. So the tasks' rows are counted per
 * partition first ({@link Stats}), and the rows are completed from those counts ({@link #complete}).
 *
 * @param columns Score Stack's columns for the model ({@link ScoringSession#columns})
 * @param maps whether the job writes anomaly maps (the Anomaly map column)
 */
record ResultTable(List<ScoreColumn> columns, boolean maps, String modelSha256, ThresholdRule rule, double threshold)
		implements Serializable {

	static final String SAMPLE = ScoreColumn.SAMPLE.title(), SOURCE = "Source", STATUS = "Status";
	static final String SCORED = "scored", SKIPPED = "skipped";

	/** One partition's scored rows: how many, and their smallest and largest latent score. */
	record Stats(int partition, long scored, long skipped, double min, double max) implements Serializable {

		static Function2<Integer, Iterator<SampleRow>, Iterator<Stats>> of() {
			return (partition, rows) -> {
				long scored = 0, skipped = 0;
				double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
				while (rows.hasNext()) {
					SampleRow row = rows.next();
					if (!row.scored()) {
						skipped++;
						continue;
					}
					scored++;
					min = Math.min(min, row.scores().latent());
					max = Math.max(max, row.scores().latent());
				}
				return List.of(new Stats(partition, scored, skipped, min, max)).iterator();
			};
		}
	}

	StructType schema() {
		List<StructField> fields = new ArrayList<>();
		for (ScoreColumn column : columns) add(fields, column.title(), type(column.kind()));
		add(fields, SOURCE, DataTypes.StringType);
		add(fields, "Model SHA-256", DataTypes.StringType);
		if (maps) add(fields, "Anomaly map", DataTypes.StringType);
		add(fields, STATUS, DataTypes.StringType);
		add(fields, "Error", DataTypes.StringType);
		return new StructType(fields.toArray(StructField[]::new));
	}

	private static DataType type(ScoreColumn.Kind kind) {
		return switch (kind) {
			case INT -> DataTypes.IntegerType;
			case LONG -> DataTypes.LongType;
			case DOUBLE -> DataTypes.DoubleType;
			case TEXT -> DataTypes.StringType;
		};
	}

	private static void add(List<StructField> fields, String name, DataType type) {
		fields.add(DataTypes.createStructField(name, type, true));
	}

	/**
	 * The rows of each partition completed: {@code firstSample[p]} is the number of partition p's first scored
	 * sample, {@code [min, max]} the latent scores' range over the whole job.
	 */
	Function2<Integer, Iterator<SampleRow>, Iterator<Row>> complete(long[] firstSample, double min, double max) {
		return (partition, rows) -> {
			MinMaxScaling scaling = new MinMaxScaling(min, max);
			long[] sample = {firstSample[partition]};
			return new Iterator<>() {
				@Override
				public boolean hasNext() {
					return rows.hasNext();
				}

				@Override
				public Row next() {
					SampleRow row = rows.next();
					return row.scored() ? scored(row, sample[0]++, scaling) : skipped(row);
				}
			};
		};
	}

	private Row scored(SampleRow row, long sample, MinMaxScaling scaling) {
		ScoreRow scores = row.scores().row(sample, scaling.apply(row.scores().latent()), rule, threshold);
		List<Object> values = new ArrayList<>();
		for (ScoreColumn column : columns) values.add(column.value(scores));
		values.add(row.source());
		values.add(modelSha256);
		if (maps) values.add(row.mapFile());
		values.add(SCORED);
		values.add(null);
		return RowFactory.create(values.toArray());
	}

	private Row skipped(SampleRow row) {
		Object[] values = new Object[schema().size()];
		int source = schema().fieldIndex(SOURCE);
		values[source] = row.source();
		values[source + 1] = modelSha256;
		values[values.length - 2] = SKIPPED;
		values[values.length - 1] = row.error();
		return RowFactory.create(values);
	}
}
