package org.ganomaly.fiji.core.model;

import java.util.Map;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.VerdictCalibration;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingSummary;

/**
 * The JSON part of a model file: everything but the tensors. Format 2 stores the preprocessing typed; format 1 files
 * (an intensity range beside a map of strings) are read by {@link ModelFile} and upgraded on the way in.
 *
 * @param preprocessing how images became samples; its shape is the network's input
 * @param pixelCalibration what the anomaly maps' pixel values are on normal images (network units); null in files
 *     written before it existed
 * @param verdictCalibration what the verdict combines the latent score with (the normal images' anomalous areas)
 *     and where it flags; null in files written before it existed, whose verdict is the latent rule
 * @param software versions of the plugin, DJL, PyTorch and Java that wrote the file
 * @param contents {@value #FULL} (both networks, and optimizer state when training can go on) or
 *            {@value #SCORING} (the generator only: smaller, scores the same, cannot be trained on); null in files
 *            written before it existed, which are full
 */
public record ModelManifest(
		String format,
		int formatVersion,
		NetworkConfig network,
		Preprocessing preprocessing,
		TrainingConfig training,
		TrainingSummary summary,
		Calibration calibration,
		Calibration pixelCalibration,
		VerdictCalibration verdictCalibration,
		Map<String, String> software,
		String created,
		String contents) {

	public static final String FORMAT = "GANomaly for Fiji model";
	public static final int FORMAT_VERSION = 2;
	public static final String FULL = "full", SCORING = "scoring";

	public ModelManifest {
		if (network != null && preprocessing != null && !network.image().equals(preprocessing.shape()))
			throw new IllegalArgumentException("The manifest's network takes " + network.image() + " images but its "
					+ "preprocessing makes " + preprocessing.shape() + " samples.");
	}

	/** What maps to the network's [-1, 1]. */
	public IntensityRange intensity() {
		return preprocessing.intensity();
	}

	/** Whether the file holds the generator only. */
	public boolean scoringOnly() {
		return SCORING.equals(contents);
	}

	public ModelManifest withContents(String value) {
		return new ModelManifest(
				format,
				formatVersion,
				network,
				preprocessing,
				training,
				summary,
				calibration,
				pixelCalibration,
				verdictCalibration,
				software,
				created,
				value);
	}
}
