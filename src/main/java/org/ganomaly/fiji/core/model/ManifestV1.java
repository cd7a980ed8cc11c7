package org.ganomaly.fiji.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * Reads manifests of model format 1, which kept the intensity range at the top and the preprocessing as a map of
 * strings ("sampling": "resize" or "tile", "tileStride": pixels, "intensity": how the range was chosen), by turning
 * them into format 2's typed preprocessing.
 */
final class ManifestV1 {

	static final int VERSION = 1;

	private ManifestV1() {}

	/** The format 2 form of a format 1 manifest. */
	static JsonObject upgrade(JsonObject v1) {
		JsonObject v2 = v1.deepCopy();
		JsonObject strings = v1.has("preprocessing") && v1.get("preprocessing").isJsonObject()
				? v1.getAsJsonObject("preprocessing")
				: new JsonObject();
		String mode = text(strings, "sampling", "resize").toUpperCase(Locale.ROOT);
		JsonObject sampling = new JsonObject();
		sampling.addProperty("mode", mode);
		sampling.addProperty("stride", mode.equals("TILE") ? stride(text(strings, "tileStride", "")) : 0);
		JsonObject preprocessing = new JsonObject();
		preprocessing.add("shape", v1.getAsJsonObject("network").get("image"));
		preprocessing.add("sampling", sampling);
		preprocessing.add("intensity", v1.get("intensity"));
		preprocessing.addProperty("intensitySource", text(strings, "intensity", ""));
		v2.remove("intensity");
		v2.add("preprocessing", preprocessing);
		v2.addProperty("formatVersion", ModelManifest.FORMAT_VERSION);
		return v2;
	}

	private static String text(JsonObject strings, String key, String absent) {
		JsonElement value = strings.get(key);
		return value == null || value.isJsonNull() ? absent : value.getAsString();
	}

	private static int stride(String text) {
		try {
			return Integer.parseInt(text);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("its tile stride '" + text + "' is not a whole number");
		}
	}
}
