package org.ganomaly.fiji.core.model;

import java.util.Map;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * A trained model: its networks (holding the selected weights), its manifest, and optionally the optimizer
 * state needed to continue training exactly. Closing it frees the networks.
 */
public record GanomalyModel(GanomalyNetworks networks, ModelManifest manifest, Map<String, float[]> optimizerState)
		implements AutoCloseable {

	/**
	 * The same model to be saved for scoring only: the generator's weights and the manifest, without the
	 * discriminator and the optimizer state (what makes a full file about four times larger).
	 */
	public GanomalyModel forScoring() {
		return new GanomalyModel(networks, manifest.withContents(ModelManifest.SCORING), null);
	}

	@Override
	public void close() {
		networks.close();
	}
}
