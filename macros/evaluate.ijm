// ROC evaluation of scores against ground truth taken from labels or file names (e.g. "defect" in the name).
//
// Fiji, headless:
//   ImageJ-linux64 --headless --console -batch /path/to/evaluate.ijm "table=[/data/results/scores.csv] output=[/data/results]"
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
setBatchMode(true);
run("ROC Evaluation", "table=[" + table + "] score_column=[" + arg("column", "Latent score") + "]"
	+ " ground_truth=labels abnormal_pattern=[" + arg("pattern", "defect|abnormal") + "] label_column=Label"
	+ " truth_column=Abnormal");

print("AUC: " + Table.get("AUC", 0, "GANomaly ROC"));
print("Average precision: " + Table.get("Average precision", 0, "GANomaly ROC"));
print("Youden threshold: " + Table.get("Youden threshold", 0, "GANomaly ROC") + " (TPR "
	+ Table.get("Youden TPR", 0, "GANomaly ROC") + ", FPR " + Table.get("Youden FPR", 0, "GANomaly ROC") + ")");

output = arg("output", "");
if (output != "") {
	File.makeDirectory(output);
	Table.save(output + "/roc-summary.csv", "GANomaly ROC");
	Table.save(output + "/roc-points.csv", "GANomaly ROC Points");
	for (i = 1; i <= nImages; i++) {
		selectImage(i);
		if (startsWith(getTitle(), "ROC curve"))
			saveAs("PNG", output + "/roc.png");
		else if (startsWith(getTitle(), "Precision-recall curve"))
			saveAs("PNG", output + "/precision-recall.png");
	}
}

function arg(key, default) {
	return call("ij.Macro.getValue", args, key, default);
}
