package org.ganomaly.fiji.command;

import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results tables by title. A command publishes its tables here: they are shown as ImageJ table windows, and in a
 * headless JVM, where no window can exist, they are kept under their title, so that ROC Evaluation finds "GANomaly
 * Scores" by name either way. Tables also go to and come from CSV files.
 */
public final class Tables {

	/** Tables published in a headless JVM, by title (the last one published under a title wins). */
	private static final Map<String, ResultsTable> HEADLESS = new ConcurrentHashMap<>();

	private Tables() {}

	/** Shows {@code table} in a window titled {@code title} (kept by title when headless). */
	public static void publish(String title, ResultsTable table) {
		if (GraphicsEnvironment.isHeadless()) HEADLESS.put(title, table);
		else table.show(title);
	}

	/**
	 * The table shown under {@code nameOrPath}, or (when there is none) the CSV or tab-separated file at that path.
	 */
	public static ResultsTable find(String nameOrPath) throws IOException {
		if (nameOrPath == null || nameOrPath.isBlank())
			throw new IllegalArgumentException("No table given: name an open table or a CSV file.");
		ResultsTable shown =
				GraphicsEnvironment.isHeadless() ? HEADLESS.get(nameOrPath) : ResultsTable.getResultsTable(nameOrPath);
		if (shown != null) return shown;
		Path file = Path.of(nameOrPath);
		if (Files.isRegularFile(file)) return ResultsTable.open(file.toString());
		throw new IllegalArgumentException("There is no open table named '" + nameOrPath
				+ "' and no file at that path. " + "Run Score Stack first (it makes the table '" + ScoreTable.TITLE
				+ "'), or give the path of a CSV file.");
	}

	/** The values of a numeric column; throws, listing the table's columns, if there is no such column. */
	static double[] numericColumn(ResultsTable table, String column, String tableName) {
		if (!table.columnExists(column)) throw noColumn(table, column, tableName);
		return table.getColumn(column);
	}

	/** The text of a column's cells (numbers as ImageJ formats them); "Label" also finds row labels. */
	static String[] textColumn(ResultsTable table, String column, String tableName) {
		try {
			return table.getColumnAsStrings(column);
		} catch (IllegalArgumentException e) {
			throw noColumn(table, column, tableName);
		}
	}

	private static IllegalArgumentException noColumn(ResultsTable table, String column, String tableName) {
		return new IllegalArgumentException("Table '" + tableName + "' has no column '" + column + "'. Its columns: "
				+ String.join(", ", headings(table)) + ".");
	}

	static List<String> headings(ResultsTable table) {
		List<String> out = new ArrayList<>();
		for (String heading : table.getHeadings()) if (!heading.isBlank()) out.add(heading);
		return out;
	}

	/**
	 * Writes a table as CSV (RFC 4180: comma-separated, quoted where needed, numbers at full precision), atomically
	 * replacing any file there.
	 */
	public static void writeCsv(ResultsTable table, Path file) throws IOException {
		AtomicFiles.write(file, temp -> {
			try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				List<Integer> columns = new ArrayList<>();
				List<String> header = new ArrayList<>();
				for (int c = 0; c <= table.getLastColumn(); c++)
					if (table.columnExists(c)) {
						columns.add(c);
						header.add(quote(table.getColumnHeading(c)));
					}
				out.write(String.join(",", header));
				out.newLine();
				for (int row = 0; row < table.size(); row++) {
					List<String> cells = new ArrayList<>(columns.size());
					for (int c : columns) cells.add(quote(cell(table, c, row)));
					out.write(String.join(",", cells));
					out.newLine();
				}
			}
		});
	}

	private static String cell(ResultsTable table, int column, int row) {
		double value = table.getValueAsDouble(column, row);
		if (Double.isNaN(value)) return table.getStringValue(column, row);
		if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
		return String.format(Locale.ROOT, "%.9g", value);
	}

	private static String quote(String text) {
		if (text == null) return "";
		if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
			return text;
		return '"' + text.replace("\"", "\"\"") + '"';
	}
}
