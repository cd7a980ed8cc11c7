package org.ganomaly.fiji.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganomaly.fiji.core.model.ModelFile;

/** The model file parameter, checked before any work is done. */
final class ModelPaths {

	private ModelPaths() {}

	/**
	 * Where to save a model: the given path, with {@link ModelFile#EXTENSION} appended if it has none. Refuses an
	 * existing file unless {@code overwrite}.
	 */
	static Path forSaving(File model, boolean overwrite) {
		if (model == null || model.getPath().isBlank())
			throw new IllegalArgumentException("No model file was given: choose where to save the model.");
		Path path = model.toPath().toAbsolutePath();
		if (!path.getFileName().toString().endsWith(ModelFile.EXTENSION))
			path = path.resolveSibling(path.getFileName() + ModelFile.EXTENSION);
		if (Files.isDirectory(path))
			throw new IllegalArgumentException("'" + path + "' is a folder; choose a file name for the model.");
		if (!overwrite && Files.exists(path))
			throw new IllegalArgumentException("Model file '" + path + "' already exists. Choose another name, or "
					+ "tick Overwrite (macro key 'overwrite') to replace it.");
		return path;
	}

	/** An existing model file to read. */
	static Path forReading(File model) {
		if (model == null || model.getPath().isBlank())
			throw new IllegalArgumentException(
					"No model file was given: choose a " + ModelFile.EXTENSION + " file written by Train GANomaly.");
		Path path = model.toPath().toAbsolutePath();
		if (!Files.isRegularFile(path))
			throw new IllegalArgumentException("Model file '" + path + "' does not exist. Train a model with Train "
					+ "GANomaly, or check the path.");
		return path;
	}
}
