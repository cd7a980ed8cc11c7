// Export of a trained model for runtimes outside Fiji: MODEL.onnx (the network's scoring path, ONNX opset 13) and
// MODEL.onnx.json (image size, channels, sampling, intensity range, threshold and calibration) in a folder.
//
// Fiji, headless:
//   fiji --headless -batch /path/to/export.ijm "model=[/data/parts.ganomaly] output=[/data/export]"
//   (fiji is Fiji's launcher: fiji-linux-x64, or ImageJ-linux64 in older Fijis; a failure exits with status 1)
// Plain ImageJ 1.x (GANomaly_ jar in DIR/plugins, its dependencies in DIR/jars; menus need a display, so a virtual one):
//   xvfb-run -a java -jar ij.jar -ijpath DIR -batch /path/to/export.ijm "model=[/data/parts.ganomaly] output=[/data/export]"
//
// Arguments, as key=value separated by spaces (values with spaces in [brackets]):
//   model      a model file written by Train GANomaly (full or scoring-only)
//   output     the folder for the two files (made if missing)
//   overwrite  true to replace existing files of those names (default: false)

var args = getArgument() + " ";

model = arg("model", "");
output = arg("output", "");
if (model == "" || output == "")
	exit("export.ijm needs model=[file] and output=[folder].");
// (the macro language cannot compare a user function's result inside a condition: keep it in a variable)
overwriteArg = arg("overwrite", "false");
overwrite = "";
if (overwriteArg == "true")
	overwrite = " overwrite";
setBatchMode(true);
run("Export GANomaly Model", "model=[" + model + "] output_folder=[" + output + "]" + overwrite);

function arg(key, default) {
	return call("ij.Macro.getValue", args, key, default);
}
