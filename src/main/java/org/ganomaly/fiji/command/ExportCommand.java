package org.ganomaly.fiji.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganomaly.fiji.core.export.OnnxExport;
import org.ganomaly.fiji.core.model.ModelFile;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Export GANomaly Model: writes a model's scoring path as ONNX ({@code NAME.onnx}) with a JSON description of the
 * preprocessing, threshold and calibration around it ({@code NAME.onnx.json}), for ONNX Runtime, deepImageJ, JDLL and
 * other runtimes outside Fiji.
 */
@Plugin(type = Command.class, label = "Export GANomaly Model", headless = true)
public class ExportCommand extends GanomalyCommand {

	@Parameter(
			label = "Model file",
			style = FileWidget.OPEN_STYLE,
			description = "A model written by Train GANomaly (" + ModelFile.EXTENSION + "), full or scoring-only.")
	private File model;

	@Parameter(
			label = "Output folder",
			style = FileWidget.DIRECTORY_STYLE,
			description = "Where to write NAME" + OnnxExport.ONNX_EXTENSION + " and NAME"
					+ OnnxExport.DESCRIPTION_EXTENSION + " (NAME: the model file's name); made if missing.")
	private File output_folder;

	@Parameter(label = "Overwrite", description = "Replace existing export files of that name.")
	private boolean overwrite = false;

	@Override
	protected void execute() throws IOException {
		Path modelPath = ModelPaths.forReading(model);
		if (output_folder == null || output_folder.getPath().isBlank())
			throw new IllegalArgumentException("No output folder was given: choose where to write the export.");
		Path folder = output_folder.toPath().toAbsolutePath();
		if (Files.exists(folder) && !Files.isDirectory(folder))
			throw new IllegalArgumentException(
					"'" + folder + "' is a file, not a folder: choose a folder for the " + "export.");
		OnnxExport.Exported targets = OnnxExport.targets(folder, OnnxExport.name(modelPath));
		refuseExisting(targets, overwrite);
		status("Exporting " + modelPath.getFileName() + "...");
		OnnxExport.Exported written = OnnxExport.export(modelPath, folder, overwrite);
		info("Exported " + modelPath + " to " + written.onnx() + " and " + written.description() + ".");
	}

	/** Refuses, naming the macro key, to replace export files the user did not ask to replace. */
	static void refuseExisting(OnnxExport.Exported targets, boolean overwrite) {
		if (overwrite) return;
		for (Path target : new Path[] {targets.onnx(), targets.description()})
			if (Files.exists(target))
				throw new IllegalArgumentException("'" + target + "' already exists. Choose another folder, or tick "
						+ "Overwrite (macro key 'overwrite') to replace it.");
	}
}
