package org.ganomaly.fiji.core.model;

import ai.djl.engine.Engine;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;

/** Assembles the model a training run produced, with a manifest that says how it was made. */
public final class ModelBuilder {

	private ModelBuilder() {}

	/**
	 * @param optimizerState kept only when the selected epoch is the last one and training was not cancelled
	 *            part-way through an epoch (the optimizer would be ahead of the weights), so that resuming
	 *            continues exactly; otherwise null, and the model cannot be trained on exactly
	 */
	public static GanomalyModel build(
			GanomalyNetworks networks,
			TrainingConfig config,
			GanomalyTrainer.Result result,
			Preprocessing preprocessing,
			Map<String, float[]> optimizerState) {
		boolean exact = result.summary().whyNotContinuable() == null;
		ModelManifest manifest = new ModelManifest(
				ModelManifest.FORMAT,
				ModelManifest.FORMAT_VERSION,
				networks.config(),
				preprocessing,
				config,
				result.summary(),
				result.calibration(),
				result.pixelCalibration(),
				result.verdictCalibration(),
				software(networks),
				OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
				ModelManifest.FULL);
		return new GanomalyModel(networks, manifest, exact ? optimizerState : null);
	}

	/** Versions of what wrote the model, and the kernels its networks ran on. */
	public static Map<String, String> software(GanomalyNetworks networks) {
		Map<String, String> out = new LinkedHashMap<>();
		String plugin = ModelBuilder.class.getPackage().getImplementationVersion();
		out.put("GANomaly for Fiji", plugin == null ? "development" : plugin);
		out.put("DJL", Engine.getDjlVersion());
		out.put("PyTorch", Engines.pytorch().getVersion());
		out.put("Convolutions", networks.runtime().kernels().label());
		out.put("Java", System.getProperty("java.version"));
		return out;
	}
}
