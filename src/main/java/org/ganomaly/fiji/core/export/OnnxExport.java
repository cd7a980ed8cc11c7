package org.ganomaly.fiji.core.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganomaly.fiji.core.io.SafeWrite;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.TensorKeys;

/**
 * Exports a model's scoring path for runtimes outside Fiji: {@code NAME.onnx} (the generator, {@link GeneratorGraph})
 * and {@code NAME.onnx.json} ({@link ScoringDescription}) in a folder. Full and scoring-only models export alike (only
 * the generator is exported). Each file is written whole or not at all.
 */
public final class OnnxExport {

	public static final String ONNX_EXTENSION = ".onnx";
	public static final String DESCRIPTION_EXTENSION = ".onnx.json";

	/** The two files of an export. */
	public record Exported(Path onnx, Path description) {}

	private OnnxExport() {}

	/** Where the export of a model named {@code name} goes in {@code folder}. */
	public static Exported targets(Path folder, String name) {
		Path absolute = folder.toAbsolutePath();
		return new Exported(absolute.resolve(name + ONNX_EXTENSION), absolute.resolve(name + DESCRIPTION_EXTENSION));
	}

	/** The name a model file's export takes: its file name without {@link ModelFile#EXTENSION}. */
	public static String name(Path modelFile) {
		String file = modelFile.getFileName().toString();
		return file.endsWith(ModelFile.EXTENSION)
				? file.substring(0, file.length() - ModelFile.EXTENSION.length())
				: file;
	}

	/**
	 * Reads a model file (on the CPU) and exports it into {@code folder} under the model's name.
	 *
	 * @throws IOException if the model cannot be read or the files cannot be written
	 */
	public static Exported export(Path modelFile, Path folder, boolean overwrite) throws IOException {
		Exported targets = targets(folder, name(modelFile));
		checkTargets(targets, overwrite);
		try (GanomalyModel model = ModelFile.load(modelFile, DeviceRuntime.cpu())) {
			return write(model, modelFile.getFileName().toString(), targets, overwrite);
		}
	}

	/**
	 * Exports a model in memory to {@code targets}.
	 *
	 * @param modelFileName the model file's name, recorded in the description
	 * @throws IOException if a file exists and {@code overwrite} is false, or cannot be written
	 */
	public static Exported write(GanomalyModel model, String modelFileName, Exported targets, boolean overwrite)
			throws IOException {
		checkTargets(targets, overwrite);
		ModelManifest manifest = model.manifest();
		if (manifest.calibration() == null)
			throw new IllegalArgumentException("Model " + modelFileName + " holds no calibration of its scores (it "
					+ "was written by an early version of the plugin), so its export could not say what a score "
					+ "means. Train the model again with this version, then export it.");
		ModelProto onnx = GeneratorGraph.build(
				manifest.network(),
				TensorKeys.under(TensorKeys.GENERATOR, model.networks().generatorSnapshot()),
				producer());
		String description =
				ScoringDescription.json(manifest, targets.onnx().getFileName().toString(), modelFileName);
		SafeWrite.write(targets.onnx(), overwrite, onnx::writeTo);
		SafeWrite.write(
				targets.description(), overwrite, out -> out.write(description.getBytes(StandardCharsets.UTF_8)));
		return targets;
	}

	/** This plugin and its version, as the ONNX file's producer. */
	private static String producer() {
		String version = OnnxExport.class.getPackage().getImplementationVersion();
		return "GANomaly for Fiji" + (version == null ? "" : " " + version);
	}

	/** Fails before any work if a file exists (without {@code overwrite}) or the folder takes no files. */
	private static void checkTargets(Exported targets, boolean overwrite) throws IOException {
		for (Path target : new Path[] {targets.onnx(), targets.description()}) {
			if (!overwrite && Files.exists(target))
				throw new IllegalArgumentException(
						"'" + target + "' already exists. Choose another folder, or allow overwriting.");
			SafeWrite.checkWritable(target);
		}
	}
}
