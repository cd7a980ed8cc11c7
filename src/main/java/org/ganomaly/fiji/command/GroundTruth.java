package org.ganomaly.fiji.command;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Which rows of a table are abnormal: from a pattern found in their labels, or from a yes/no column. */
final class GroundTruth {

	private static final Set<String> ABNORMAL = Set.of("yes", "true", "abnormal", "anomaly", "anomalous");
	private static final Set<String> NORMAL = Set.of("no", "false", "normal");

	private GroundTruth() {}

	/** Rows whose label contains a match of {@code regex} (case-insensitive) are abnormal. */
	static boolean[] fromLabels(String[] labels, String regex) {
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
		} catch (PatternSyntaxException e) {
			throw new IllegalArgumentException("The abnormal pattern '" + regex
					+ "' is not a valid regular expression: " + e.getDescription() + ".");
		}
		boolean[] abnormal = new boolean[labels.length];
		for (int i = 0; i < labels.length; i++)
			abnormal[i] = labels[i] != null && pattern.matcher(labels[i]).find();
		return abnormal;
	}

	/** Cells 1/yes/true/abnormal are abnormal, 0/no/false/normal normal (case-insensitive); others are an error. */
	static boolean[] fromColumn(String[] cells, String column) {
		boolean[] abnormal = new boolean[cells.length];
		for (int i = 0; i < cells.length; i++) {
			Boolean value = parse(cells[i] == null ? "" : cells[i].trim().toLowerCase(Locale.ROOT));
			if (value == null)
				throw new IllegalArgumentException("Row " + (i + 1) + " of column '" + column + "' holds '" + cells[i]
						+ "': ground truth must be 1/0, yes/no, true/false or abnormal/normal.");
			abnormal[i] = value;
		}
		return abnormal;
	}

	private static Boolean parse(String cell) {
		if (ABNORMAL.contains(cell)) return true;
		if (NORMAL.contains(cell)) return false;
		try {
			double value = Double.parseDouble(cell);
			if (value == 1) return true;
			if (value == 0) return false;
		} catch (NumberFormatException e) {
			// not a number either: no ground truth
		}
		return null;
	}
}
