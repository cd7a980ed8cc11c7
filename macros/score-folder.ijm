// Score every image of a folder with a trained model; write the scores (CSV), the reconstructions and the
// anomaly maps (TIFF stacks), for tiled models one anomaly heat map per image, and, if asked, the anomalous
// regions (a mask stack, ROIs and overlays).
//
// Fiji, headless:
//   fiji --headless -batch /path/to/score-folder.ijm "folder=[/data/new] model=[/data/parts.ganomaly] output=[/data/results]"
//   (fiji is Fiji's launcher: fiji-linux-x64, or ImageJ-linux64 in older Fijis; a failure exits with status 1)
// Plain ImageJ 1.x (GANomaly_ jar in DIR/plugins, its dependencies in DIR/jars; menus need a display, so a virtual one):
//   xvfb-run -a java -jar ij.jar -ijpath DIR -batch /path/to/score-folder.ijm "folder=[/data/new] model=[/data/parts.ganomaly] output=[/data/results]"
//
// Arguments, as key=value separated by spaces (values with spaces in [brackets]):
//   folder      folder of images to score (required); files that cannot be used are skipped and listed
//   model       model file written by Train GANomaly (required)
//   output      folder for scores.csv, reconstructions.tif, anomaly-maps.tif and heat-maps/ (required)
//   heat_maps   true to write heat maps (tiled models only; default false)
//   regions     true to write region-masks.tif, regions.zip (ROIs; with a display they also go to the ROI
//               Manager) and overlays.tif (models with a pixel calibration; default false)
//   pixel_quantile, min_region_area   the regions' pixel threshold quantile and minimum area (0.999, 9)
//   batchnorm   running (default) or batch; device: auto, cpu or gpu (default auto)

var args = getArgument() + " ";

folder = arg("folder", "");
model = arg("model", "");
output = arg("output", "");
if (folder == "" || model == "" || output == "")
	exit("Usage: score-folder.ijm \"folder=[images] model=[file.ganomaly] output=[results folder]\"");

File.makeDirectory(output);
heatMaps = "";
wantHeatMaps = arg("heat_maps", "false"); // a function call in a condition confuses the macro interpreter
if (wantHeatMaps == "true")
	heatMaps = " heat_map heat_map_folder=[" + output + "/heat-maps]";
regions = "";
wantRegions = arg("regions", "false");
if (wantRegions == "true")
	regions = " region_masks region_rois overlays";

setBatchMode(true);
run("Score Stack", "source=folder input_folder=[" + folder + "] unreadable_files=skip model=[" + model + "]"
	+ " batchnorm=" + arg("batchnorm", "running") + " batch_size=64 threshold_rule=model threshold=0.2"
	+ " reconstructions anomaly_maps" + heatMaps + regions + " pixel_quantile=" + arg("pixel_quantile", "0.999")
	+ " min_region_area=" + arg("min_region_area", "9") + " csv=[" + output + "/scores.csv]"
	+ " stacks_folder=[" + output + "] device=" + arg("device", "auto"));

// The command wrote the CSV and both stacks (whole or not at all; a write error fails the run).
// Headless, ImageJ keeps no result tables for macros: count the rows of the CSV the command wrote.
rows = split(File.openAsString(output + "/scores.csv"), "\n");
print("Scored " + (rows.length - 1) + " samples; results in " + output);

function arg(key, default) {
	return call("ij.Macro.getValue", args, key, default);
}
