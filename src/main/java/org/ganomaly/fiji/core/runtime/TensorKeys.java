package org.ganomaly.fiji.core.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of the tensors a model file holds: each network's and each optimizer part's tensors under one prefix,
 * followed by the tensor's own name ({@code netG.encoder.0.weight}). Every reader and writer of those names goes
 * through here.
 */
public final class TensorKeys {

	public static final String GENERATOR = "netG.";
	public static final String DISCRIMINATOR = "netD.";
	public static final String ADAM_GENERATOR = "adamG.";
	public static final String ADAM_DISCRIMINATOR = "adamD.";
	/** The live generator weights behind a moving average (the networks hold the average). */
	public static final String LIVE_GENERATOR = "averageG.";

	private static final String[] OPTIMIZER_PARTS = {ADAM_GENERATOR, ADAM_DISCRIMINATOR, LIVE_GENERATOR};

	private TensorKeys() {}

	/** The tensors of {@code values} with {@code prefix} put before their names, added to {@code out}. */
	public static void putUnder(String prefix, Map<String, float[]> values, Map<String, float[]> out) {
		values.forEach((name, value) -> out.put(prefix + name, value));
	}

	/** The tensors named under {@code prefix}, with the prefix taken off their names. */
	public static Map<String, float[]> under(String prefix, Map<String, float[]> tensors) {
		Map<String, float[]> out = new LinkedHashMap<>();
		tensors.forEach((key, value) -> {
			if (key.startsWith(prefix)) out.put(key.substring(prefix.length()), value);
		});
		return out;
	}

	/** Whether a tensor belongs to the optimizer's state rather than to the networks. */
	public static boolean isOptimizerState(String key) {
		for (String part : OPTIMIZER_PARTS) if (key.startsWith(part)) return true;
		return false;
	}
}
