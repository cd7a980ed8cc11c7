package org.ganomaly.fiji.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ganomaly.fiji.image.Sampling;

/**
 * The preprocessing map of a model file: how training images became samples, so that Score Stack samples new images
 * the same way. Keys: "sampling" ("resize" or "tile"), "tileStride" (pixels, tiles only), "intensity" (how the
 * intensity range was chosen, in words).
 */
final class Preprocessing {

	static final String SAMPLING = "sampling";
	static final String TILE_STRIDE = "tileStride";
	static final String INTENSITY = "intensity";

	private Preprocessing() {}

	static Map<String, String> of(Sampling sampling, String intensitySource) {
		Map<String, String> map = new LinkedHashMap<>();
		map.put(SAMPLING, sampling.mode().name().toLowerCase(Locale.ROOT));
		if (sampling.isTiled()) map.put(TILE_STRIDE, Integer.toString(sampling.stride()));
		map.put(INTENSITY, intensitySource);
		return map;
	}

	/** The sampling a model was trained with; models without the entry were trained on resized images. */
	static Sampling sampling(Map<String, String> preprocessing) {
		String mode = preprocessing == null ? null : preprocessing.get(SAMPLING);
		if (mode == null || mode.equalsIgnoreCase("resize")) return Sampling.resize();
		if (mode.equalsIgnoreCase("tile")) {
			String stride = preprocessing.get(TILE_STRIDE);
			try {
				return Sampling.tile(Integer.parseInt(stride));
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("The model's tile stride '" + stride + "' is not a whole number.");
			}
		}
		throw new IllegalArgumentException("The model's sampling mode '" + mode + "' is unknown (resize or tile).");
	}
}
