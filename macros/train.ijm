// Train GANomaly on a folder of normal images and save the model.
//
// Fiji, headless:
//   fiji --headless -batch /path/to/train.ijm "folder=[/data/normal] model=[/data/parts.ganomaly]"
//   (fiji is Fiji's launcher: fiji-linux-x64, or ImageJ-linux64 in older Fijis; a failure exits with status 1)
// Plain ImageJ 1.x (GANomaly_ jar in DIR/plugins, its dependencies in DIR/jars; menus need a display, so a virtual one):
//   xvfb-run -a java -jar ij.jar -ijpath DIR -batch /path/to/train.ijm "folder=[/data/normal] model=[/data/parts.ganomaly]"
//
// Arguments, as key=value separated by spaces (values with spaces in [brackets]):
//   folder       folder of normal images (required)
//   model        model file to write; an existing file is replaced (required)
//   image_size   network image size, a power of two from 16 to 256 (default 64)
//   sampling     resize or tile (default resize); tile_stride: pixels between tiles, 0 = image size (default 0)
//   epochs (15), batch_size (64), nz (100), nf (64), seed (0), device: auto, cpu or gpu (default auto)
//   losses       CSV file for the per-epoch losses (optional); plot: PNG file for the loss curves (optional)

var args = getArgument() + " ";

folder = arg("folder", "");
model = arg("model", "");
if (folder == "" || model == "")
	exit("Usage: train.ijm \"folder=[normal images] model=[file.ganomaly] ...\"");

// The command writes the losses CSV itself: headless, ImageJ keeps no result tables for macros.
losses = arg("losses", "");
lossesCsv = "";
if (losses != "") {
	File.makeDirectory(File.getParent(losses));
	lossesCsv = " losses_csv=[" + losses + "]";
}

setBatchMode(true);
run("Train GANomaly", "source=folder training_folder=[" + folder + "] validation=split validation_fraction=0.1"
	+ " unreadable_files=skip image_size=" + arg("image_size", "64") + " channels=auto"
	+ " sampling=" + arg("sampling", "resize") + " tile_stride=" + arg("tile_stride", "0")
	+ " intensity=auto epochs=" + arg("epochs", "15") + " batch_size=" + arg("batch_size", "64")
	+ " nz=" + arg("nz", "100") + " nf=" + arg("nf", "64") + " seed=" + arg("seed", "0")
	+ " keep_epoch=best device=" + arg("device", "auto") + " model=[" + model + "] overwrite"
	+ lossesCsv);

plot = arg("plot", "");
if (plot != "") {
	File.makeDirectory(File.getParent(plot));
	selectImage("GANomaly losses");
	saveAs("PNG", plot);
}
print("Model saved: " + model);

function arg(key, default) {
	return call("ij.Macro.getValue", args, key, default);
}
