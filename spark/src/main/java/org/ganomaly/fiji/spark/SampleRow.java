package org.ganomaly.fiji.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * What a task found for one sample, or for a file it skipped: everything of Score Stack's row that does not depend on
 * the other samples (those columns, the sample number and the min-max score, are added by {@link ResultTable}).
 *
 * @param file the file's place in the job's input order (0, 1, ...)
 * @param index the sample's index in its file
 * @param source the file's URI
 * @param combined the verdict's combined score (Score Stack's Combined score)
 * @param anomalousByVerdict the model's verdict (rule {@code model})
 * @param anomalousByModel latent score above the model's threshold (rule {@code model-latent})
 * @param regions, area, maxMap the anomalous regions (max in intensity units); 0 when the model has no pixel
 *     calibration
 * @param mapFile the URI of the file's anomaly-map TIFF, or null when maps are not written
 * @param error why the file was skipped, or null for a scored sample
 */
record SampleRow(
		int file,
		int index,
		String source,
		String label,
		int slice,
		int channel,
		int z,
		int frame,
		int tileX,
		int tileY,
		double latent,
		double calibrated,
		double reconstructionError,
		double combined,
		boolean anomalousByVerdict,
		boolean anomalousByModel,
		int regions,
		long area,
		double maxMap,
		String mapFile,
		String error)
		implements Serializable {

	/** Input order: files as listed, samples as in Score Stack. */
	static final Comparator<SampleRow> INPUT_ORDER =
			Comparator.comparingInt(SampleRow::file).thenComparingInt(SampleRow::index);

	static SampleRow skipped(int file, String source, String error) {
		return new SampleRow(file, -1, source, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, 0, 0, 0, null, error);
	}

	boolean scored() {
		return error == null;
	}
}
