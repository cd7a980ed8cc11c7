package org.ganomaly.fiji.core.score;

import java.io.Serializable;

/**
 * What scoring found for one sample, all that does not depend on the other samples of the run: where the sample is,
 * its scores, the model's verdicts and its anomalous regions. {@link #row} completes it into its run's {@link ScoreRow}
 * once the run's sample numbers and latent-score range are known.
 *
 * @param label the plane's or file's name
 * @param slice, channel, z, frame where the sample is in its image (1-based)
 * @param tileX, tileY the tile's top-left corner in the image (tiled models)
 * @param reconstructionError and {@code maxMap} in intensity units
 * @param combined the verdict's combined score ({@link Verdict}): -log10 of the fraction of normals rarer
 * @param anomalousByVerdict the model's verdict (rule {@code model})
 * @param anomalousByModelLatent latent score above the model's threshold (rule {@code model-latent})
 * @param regions, area, maxMap the anomalous regions of the sample's map; 0 for models without a pixel calibration
 */
public record ScoredSample(
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
		boolean anomalousByModelLatent,
		int regions,
		long area,
		double maxMap)
		implements Serializable {

	/**
	 * This sample's row in its run.
	 *
	 * @param sample the sample's number in the run (1, 2, ... in input order)
	 * @param minMax its latent score min-max scaled over the run
	 * @param threshold the threshold of the latent and min-max rules
	 */
	public ScoreRow row(long sample, double minMax, ThresholdRule rule, double threshold) {
		return new ScoreRow(
				sample,
				this,
				minMax,
				rule.anomalous(latent, minMax, anomalousByVerdict, anomalousByModelLatent, threshold));
	}
}
