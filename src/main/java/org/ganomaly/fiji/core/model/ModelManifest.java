package org.ganomaly.fiji.core.model;

import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingSummary;

import java.util.Map;

/**
 * The JSON part of a model file: everything but the tensors.
 *
 * @param preprocessing how images became samples (e.g. "sampling": "resize" or "tile", "tileStride"), written
 *            and read by the image layer
 * @param software versions of the plugin, DJL, PyTorch and Java that wrote the file
 * @param contents {@value #FULL} (both networks, and optimizer state when training can go on) or
 *            {@value #SCORING} (the generator only: smaller, scores the same, cannot be trained on); null in files
 *            written before it existed, which are full
 */
public record ModelManifest(String format, int formatVersion, NetworkConfig network, IntensityRange intensity,
	Map<String, String> preprocessing, TrainingConfig training, TrainingSummary summary, Calibration calibration,
	Map<String, String> software, String created, String contents) {

	public static final String FORMAT = "GANomaly for Fiji model";
	public static final int FORMAT_VERSION = 1;
	public static final String FULL = "full", SCORING = "scoring";

	/** Whether the file holds the generator only. */
	public boolean scoringOnly() {
		return SCORING.equals(contents);
	}

	public ModelManifest withNetwork(NetworkConfig value) {
		return new ModelManifest(format, formatVersion, value, intensity, preprocessing, training, summary,
			calibration, software, created, contents);
	}

	public ModelManifest withContents(String value) {
		return new ModelManifest(format, formatVersion, network, intensity, preprocessing, training, summary,
			calibration, software, created, value);
	}
}
