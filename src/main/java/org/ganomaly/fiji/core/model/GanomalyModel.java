package org.ganomaly.fiji.core.model;

import java.util.Map;

/**
 * A trained model: its networks (holding the selected weights), its manifest, and optionally the optimizer
 * state needed to continue training exactly. Closing it frees the networks.
 */
public record GanomalyModel(GanomalyNetworks networks, ModelManifest manifest, Map<String, float[]> optimizerState)
	implements AutoCloseable {

	@Override
	public void close() {
		networks.close();
	}
}
