package org.ganomaly.fiji.spark;

import java.io.Serializable;
import java.util.Comparator;
import org.ganomaly.fiji.core.score.ScoredSample;

/**
 * What a task found for one sample, or for a file it skipped: the session's row for the sample (everything of Score
 * Stack's row that does not depend on the other samples; the sample number and the min-max score are added by
 * {@link ResultTable}) and the job's own columns.
 *
 * @param file the file's place in the job's input order (0, 1, ...)
 * @param index the sample's index in its file
 * @param source the file's URI
 * @param scores the sample's scores, or null for a skipped file
 * @param mapFile the URI of the file's anomaly-map TIFF, or null when maps are not written
 * @param error why the file was skipped, or null for a scored sample
 */
record SampleRow(int file, int index, String source, ScoredSample scores, String mapFile, String error)
		implements Serializable {

	/** Input order: files as listed, samples as in Score Stack. */
	static final Comparator<SampleRow> INPUT_ORDER =
			Comparator.comparingInt(SampleRow::file).thenComparingInt(SampleRow::index);

	static SampleRow skipped(int file, String source, String error) {
		return new SampleRow(file, -1, source, null, null, error);
	}

	boolean scored() {
		return error == null;
	}
}
