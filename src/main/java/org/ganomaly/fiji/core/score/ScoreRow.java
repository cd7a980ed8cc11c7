package org.ganomaly.fiji.core.score;

/**
 * One scored sample as Score Stack's table and the Spark job's table show it; {@link ScoreColumn} says how each value
 * is shown.
 *
 * @param sample the sample's number in the run, 1, 2, ... in input order
 * @param label the plane's or file's name
 * @param slice, channel, z, frame where the sample is in its image (1-based)
 * @param tileX, tileY the tile's top-left corner in the image (tiled models)
 * @param reconstructionError and {@code maxMap} in intensity units
 * @param combined the verdict's combined score ({@link Verdict}): -log10 of the fraction of normals rarer
 * @param minMax the latent score min-max scaled over the run
 * @param anomalous the threshold rule's verdict
 * @param regions, area, maxMap the anomalous regions of the sample's map (models with a pixel calibration)
 */
public record ScoreRow(
		long sample,
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
		double minMax,
		boolean anomalous,
		int regions,
		long area,
		double maxMap) {}
