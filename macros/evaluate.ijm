// ROC evaluation of scores against ground truth taken from labels or file names (e.g. "defect" in the name).
//
// Fiji, headless:
//   fiji --headless -batch /path/to/evaluate.ijm "table=[/data/results/scores.csv] output=[/data/results]"
//   (fiji is Fiji's launcher: fiji-linux-x64, or ImageJ-linux64 in older Fijis; a failure exits with status 1)
// Plain ImageJ 1.x (GANomaly_ jar in DIR/plugins, its dependencies in DIR/jars; menus need a display, so a virtual one):
//   xvfb-run -a java -jar ij.jar -ijpath DIR -batch /path/to/evaluate.ijm "table=[/data/results/scores.csv] output=[/data/results]"
//
// Arguments, as key=value separated by spaces (values with spaces in [brackets]):
//   table     an open table's title or a CSV file written by Score Stack (default: GANomaly Scores)
//   pattern   regular expression found in the labels of abnormal samples (default: defect|abnormal)
//   column    the score column (default: Latent score)
//   output    folder for roc-summary.csv, roc-points.csv, roc.png and precision-recall.png (optional)

var args = getArgument() + " ";

table = arg("table", "GANomaly Scores");
// The command writes the summary, the points and the plots itself: headless, ImageJ keeps no result tables for
// macros. It logs the AUC, the average precision and Youden's operating point.
output = arg("output", "");
outputFolder = "";
if (output != "")
	outputFolder = " output_folder=[" + output + "]";
setBatchMode(true);
run("ROC Evaluation", "table=[" + table + "] score_column=[" + arg("column", "Latent score") + "]"
	+ " ground_truth=labels abnormal_pattern=[" + arg("pattern", "defect|abnormal") + "] label_column=Label"
	+ " truth_column=Abnormal" + outputFolder);
if (output != "")
	print("ROC results in " + output);

function arg(key, default) {
	return call("ij.Macro.getValue", args, key, default);
}
