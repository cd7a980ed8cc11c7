package org.ganomaly.fiji.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ganomaly.fiji.core.io.SafeWrite;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.runtime.TensorKeys;

/**
 * The model file: a zip holding {@code manifest.json} (versioned JSON) and {@code tensors.bin} (network weights,
 * BatchNorm statistics and, when present, optimizer state). Written to a temporary file beside the target and
 * renamed into place, so a crash never leaves a half-written model under the real name.
 */
public final class ModelFile {

	public static final String EXTENSION = ".ganomaly";
	private static final String MANIFEST = "manifest.json";
	private static final String TENSORS = "tensors.bin";
	private static final Gson GSON = new GsonBuilder()
			.setPrettyPrinting()
			.serializeSpecialFloatingPointValues()
			.create();

	private ModelFile() {}

	/** Writes the model; refuses to replace an existing file unless {@code overwrite}. */
	public static void save(GanomalyModel model, Path file, boolean overwrite) throws IOException {
		SafeWrite.write(file, overwrite, out -> {
			ZipOutputStream zip = new ZipOutputStream(out);
			zip.putNextEntry(new ZipEntry(MANIFEST));
			zip.write(GSON.toJson(model.manifest()).getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			Map<String, float[]> tensors = model.manifest().scoringOnly()
					? model.networks().generatorSnapshot()
					: model.networks().snapshot();
			if (!model.manifest().scoringOnly() && model.optimizerState() != null)
				tensors.putAll(model.optimizerState());
			zip.putNextEntry(new ZipEntry(TENSORS));
			TensorCodec.write(tensors, zip);
			zip.closeEntry();
			zip.finish();
		});
	}

	/** Reads only the manifest (cheap: no networks are built). */
	public static ModelManifest readManifest(Path file) throws IOException {
		try (ZipFile zip = open(file)) {
			return manifest(zip, file);
		}
	}

	/** Loads a model onto {@code runtime}'s device (a scoring-only model without its discriminator). */
	public static GanomalyModel load(Path file, DeviceRuntime runtime) throws IOException {
		try (ZipFile zip = open(file)) {
			ModelManifest manifest = manifest(zip, file);
			Map<String, float[]> tensors;
			try (InputStream in = entry(zip, TENSORS, file)) {
				tensors = TensorCodec.read(in);
			} catch (IOException e) {
				throw new IOException(
						describe(file) + " is damaged (" + e.getMessage()
								+ "). Train the model again or use a backup copy.",
						e);
			}
			GanomalyNetworks networks;
			try {
				networks = GanomalyNetworks.restored(manifest.network(), runtime, tensors, manifest.scoringOnly());
			} catch (IllegalArgumentException e) {
				throw new IOException(describe(file) + " does not match its own manifest: " + e.getMessage(), e);
			}
			Map<String, float[]> optimizer = new LinkedHashMap<>();
			tensors.forEach((k, v) -> {
				if (TensorKeys.isOptimizerState(k)) optimizer.put(k, v);
			});
			return new GanomalyModel(networks, manifest, optimizer.isEmpty() ? null : optimizer);
		}
	}

	private static ZipFile open(Path file) throws IOException {
		try {
			return new ZipFile(file.toFile());
		} catch (NoSuchFileException | java.io.FileNotFoundException e) {
			throw new NoSuchFileException(file.toString(), null, "model file not found");
		} catch (ZipException e) {
			throw new IOException(
					describe(file) + " is not a GANomaly model file, or it is truncated or corrupt (" + e.getMessage()
							+ "). Model files are written by Train GANomaly and end in " + EXTENSION + ".",
					e);
		}
	}

	/**
	 * Models trained before the verdict used the maps' peaks kept anomalous areas instead: such a model is read as one
	 * without a verdict calibration, so its verdict is the latent rule until it is trained again (Score Stack says so).
	 */
	private static void dropEarlierVerdictCalibration(JsonObject manifest) {
		JsonElement verdict = manifest.get("verdictCalibration");
		if (verdict != null
				&& verdict.isJsonObject()
				&& !verdict.getAsJsonObject().has("peaks")) manifest.remove("verdictCalibration");
	}

	private static ModelManifest manifest(ZipFile zip, Path file) throws IOException {
		String json;
		try (InputStream in = entry(zip, MANIFEST, file)) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		try {
			JsonObject object = JsonParser.parseString(json).getAsJsonObject();
			if (!object.has("format")
					|| !ModelManifest.FORMAT.equals(object.get("format").getAsString()))
				throw new IOException(
						describe(file) + " is not a GANomaly for Fiji model (its manifest names another format).");
			int version = object.get("formatVersion").getAsInt();
			if (version > ModelManifest.FORMAT_VERSION)
				throw new IOException(describe(file) + " was written by a newer GANomaly for Fiji (model format "
						+ version + "; this version reads up to " + ModelManifest.FORMAT_VERSION
						+ "). Update the plugin.");
			if (version == ManifestV1.VERSION) object = ManifestV1.upgrade(object);
			dropEarlierVerdictCalibration(object);
			ModelManifest manifest = GSON.fromJson(object, ModelManifest.class);
			if (manifest.network() == null || manifest.network().image() == null)
				throw new IOException(describe(file) + " has a manifest without a network description.");
			if (manifest.preprocessing() == null
					|| manifest.preprocessing().sampling() == null
					|| manifest.preprocessing().intensity() == null)
				throw new IOException(describe(file) + " has a manifest without its preprocessing (sampling and "
						+ "intensity range).");
			return manifest;
		} catch (JsonParseException
				| IllegalStateException
				| UnsupportedOperationException
				| NullPointerException
				| IllegalArgumentException e) {
			throw new IOException(describe(file) + " has a damaged manifest (" + e.getMessage() + ").", e);
		}
	}

	private static InputStream entry(ZipFile zip, String name, Path file) throws IOException {
		ZipEntry entry = zip.getEntry(name);
		if (entry == null)
			throw new IOException(describe(file) + " is not a GANomaly model file (no " + name + " inside).");
		return zip.getInputStream(entry);
	}

	private static String describe(Path file) {
		return "Model file " + file;
	}
}
