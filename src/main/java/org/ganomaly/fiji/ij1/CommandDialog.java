package org.ganomaly.fiji.ij1;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.text.TextWindow;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Frame;
import java.awt.Panel;
import java.awt.TextField;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ganomaly.fiji.command.Choices;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.widget.FileWidget;

/**
 * A GenericDialog for a SciJava command's parameters. GenericDialog takes a field's macro key from its label, so each
 * field is added under the parameter's name with a capital letter and then shows the parameter's readable label: the
 * macro key GenericDialog reads and records is the parameter's name, the same key as Fiji uses for the command. The
 * parameters of the "more settings" group sit in a second dialog behind a button, so that the first fits a small
 * screen. In macros no dialog is shown and the values of both come from the macro options; absent keys keep the
 * command's defaults (an image defaults to the current image).
 */
final class CommandDialog {

	/** The choice that stands for no image. */
	static final String NO_IMAGE = "-";

	static final String MORE_BUTTON = "More settings...";

	private static final int NUMBER_COLUMNS = 10;
	private static final int PATH_COLUMNS = 30;
	/** Pixels the help's table is wide. */
	private static final int HELP_WIDTH = 680;

	private final CommandInfo info;
	private final Module module;
	private final List<ModuleItem<?>> main = new ArrayList<>();
	private final List<ModuleItem<?>> more = new ArrayList<>();
	/** The values of the more-settings dialog once its user pressed OK; null while it was not confirmed. */
	private Map<String, Object> moreValues;

	CommandDialog(CommandInfo info, Module module) {
		this.info = info;
		this.module = module;
		for (ModuleItem<?> input : info.inputs()) {
			if (!isParameter(input)) continue;
			(Choices.MORE_SETTINGS.equals(input.get(Choices.GROUP)) ? more : main).add(input);
		}
	}

	/** The inputs a user sets: everything but injected services and the context. */
	static boolean isParameter(ModuleItem<?> item) {
		Class<?> type = item.getType();
		return !Service.class.isAssignableFrom(type) && !Context.class.isAssignableFrom(type);
	}

	/** The macro key of a parameter. */
	static String key(ModuleItem<?> item) {
		return item.getName().toLowerCase(Locale.ROOT);
	}

	/** Asks for the parameters and sets them on the module; false if the user cancelled. */
	boolean show() {
		GenericDialog dialog = new GenericDialog(info.getTitle());
		boolean shown = dialog instanceof Component && Macro.getOptions() == null;
		addFields(dialog, main, shown);
		if (!more.isEmpty() && shown) dialog.addButton(MORE_BUTTON, e -> showMore());
		dialog.addHelp(help(
				info.getTitle(),
				main,
				more.isEmpty()
						? ""
						: "<p>" + MORE_BUTTON + " opens the " + "other settings, with their own help.</p>"));
		dialog.showDialog();
		if (dialog.wasCanceled()) return false;
		Map<String, Object> values = readFields(dialog, main);
		if (!more.isEmpty() && !shown) values.putAll(readMore());
		else if (moreValues != null) values.putAll(moreValues);
		for (ModuleItem<?> item : info.inputs()) {
			if (!isParameter(item)) continue;
			module.setInput(
					item.getName(),
					values.containsKey(item.getName()) ? values.get(item.getName()) : item.getValue(module));
			module.resolveInput(item.getName());
		}
		return true;
	}

	/** The more-settings dialog, opened by its button; keeps its values if the user presses OK. */
	private void showMore() {
		GenericDialog dialog = moreDialog();
		addFields(dialog, more, true);
		dialog.addHelp(help(dialog.getTitle(), more, ""));
		dialog.showDialog();
		if (!dialog.wasCanceled()) moreValues = readFields(dialog, more);
	}

	/** In a macro or headless: the more-settings values from the macro options, no dialog shown. */
	private Map<String, Object> readMore() {
		GenericDialog dialog = moreDialog();
		addFields(dialog, more, false);
		dialog.showDialog();
		return readFields(dialog, more);
	}

	private GenericDialog moreDialog() {
		return new GenericDialog(info.getTitle() + " - more settings");
	}

	private void addFields(GenericDialog dialog, List<ModuleItem<?>> items, boolean shown) {
		for (ModuleItem<?> item : items) add(dialog, item, shown);
	}

	private Map<String, Object> readFields(GenericDialog dialog, List<ModuleItem<?>> items) {
		Map<String, Object> values = new HashMap<>();
		for (ModuleItem<?> item : items) values.put(item.getName(), read(dialog, item));
		return values;
	}

	private static String help(String title, List<ModuleItem<?>> items, String footer) {
		// A fixed width and compact rows: the help window then fits a 1280x800 screen as it is laid out, without
		// relying on ImageJ to shrink it afterwards.
		StringBuilder help =
				new StringBuilder("<html><h3>" + title + "</h3><table width=" + HELP_WIDTH + " cellpadding=1>");
		for (ModuleItem<?> item : items)
			help.append("<tr><td valign=top width=200><b>")
					.append(item.getLabel())
					.append("</b><br><font size=-1>")
					.append(key(item))
					.append("=</font></td><td valign=top><font size=-1>")
					.append(item.getDescription())
					.append("</font>")
					.append("</td></tr>");
		return help.append("</table>").append(footer).append("</html>").toString();
	}

	/** The value a field starts with: what the user confirmed in this dialog before, else the module's. */
	private Object initial(ModuleItem<?> item) {
		if (moreValues != null && moreValues.containsKey(item.getName())) return moreValues.get(item.getName());
		return item.getValue(module);
	}

	private void add(GenericDialog dialog, ModuleItem<?> item, boolean shown) {
		String keyLabel =
				Character.toUpperCase(item.getName().charAt(0)) + item.getName().substring(1);
		Class<?> type = item.getType();
		Object value = initial(item);
		if (type == ImagePlus.class) {
			String[] titles = WindowManager.getImageTitles();
			String[] choices = Arrays.copyOf(titles, titles.length + 1);
			choices[titles.length] = NO_IMAGE;
			ImagePlus current = WindowManager.getCurrentImage();
			dialog.addChoice(keyLabel, choices, current != null ? current.getTitle() : NO_IMAGE);
		} else if (type == File.class || Choices.TABLE_STYLE.equals(item.getWidgetStyle())) {
			String path = value == null ? "" : value instanceof File file ? file.getPath() : value.toString();
			// Headless Fiji swaps in ij1-patcher's HeadlessGenericDialog (no AWT component), whose file and folder
			// fields are empty methods: a string field has the same macro key and works in both.
			if (!(dialog instanceof Component)) dialog.addStringField(keyLabel, path, PATH_COLUMNS);
			else if (FileWidget.DIRECTORY_STYLE.equals(item.getWidgetStyle()))
				dialog.addDirectoryField(keyLabel, path, PATH_COLUMNS);
			else dialog.addFileField(keyLabel, path, PATH_COLUMNS);
			if (shown && type == String.class) addTableChooser(dialog);
		} else if (type == boolean.class || type == Boolean.class) {
			dialog.addCheckbox(keyLabel, Boolean.TRUE.equals(value));
			if (dialog instanceof Component)
				((Checkbox) dialog.getCheckboxes().lastElement()).setLabel(item.getLabel());
			return;
		} else if (type == String.class && hasChoices(item)) {
			dialog.addChoice(keyLabel, item.getChoices().toArray(String[]::new), (String) value);
		} else if (type == String.class) {
			dialog.addStringField(keyLabel, value == null ? "" : (String) value, 20);
		} else if (value instanceof Number number) {
			dialog.addNumericField(
					keyLabel, number.doubleValue(), decimals(type, number.doubleValue()), NUMBER_COLUMNS, "");
		} else {
			throw new IllegalStateException(
					"Parameter '" + item.getName() + "' has a type the dialog cannot show: " + type.getName());
		}
		if (dialog instanceof Component && dialog.getLabel() != null)
			dialog.getLabel().setText(item.getLabel());
	}

	/**
	 * Beside a table's text field (a CSV path, with Browse): a list of the open results tables that puts the chosen
	 * title in the field. The field alone holds the value, so macros and the recorder see one key.
	 */
	private static void addTableChooser(GenericDialog dialog) {
		List<String> tables = new ArrayList<>();
		for (Frame frame : WindowManager.getNonImageWindows())
			if (frame instanceof TextWindow window && window.getResultsTable() != null) tables.add(frame.getTitle());
		TextField field = (TextField) dialog.getStringFields().lastElement();
		if (tables.isEmpty() || !(field.getParent() instanceof Panel row)) return;
		Choice choice = new Choice();
		choice.add("Open tables:");
		tables.forEach(choice::add);
		choice.addItemListener(e -> {
			if (choice.getSelectedIndex() > 0) field.setText(choice.getSelectedItem());
		});
		row.add(choice);
	}

	private static boolean hasChoices(ModuleItem<?> item) {
		return item.getChoices() != null && !item.getChoices().isEmpty();
	}

	/** Whole numbers without decimals, tiny ones in scientific notation (GenericDialog: negative digits). */
	private static int decimals(Class<?> type, double value) {
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) return 0;
		if (value != 0 && Math.abs(value) < 0.01) return -2;
		return value == Math.rint(value) ? 1 : 4;
	}

	private Object read(GenericDialog dialog, ModuleItem<?> item) {
		Class<?> type = item.getType();
		if (type == ImagePlus.class) {
			String title = dialog.getNextChoice();
			return NO_IMAGE.equals(title) ? null : WindowManager.getImage(title);
		}
		if (type == File.class) {
			String path = dialog.getNextString().trim();
			return path.isEmpty() ? null : new File(path);
		}
		if (type == boolean.class || type == Boolean.class) return dialog.getNextBoolean();
		if (type == String.class) return hasChoices(item) ? dialog.getNextChoice() : dialog.getNextString();
		double number = dialog.getNextNumber();
		if (Double.isNaN(number)) throw new IllegalArgumentException("'" + key(item) + "' needs a number.");
		if (type == double.class || type == Double.class) return number;
		if (type == float.class || type == Float.class) return (float) number;
		if (number != Math.rint(number))
			throw new IllegalArgumentException("'" + key(item) + "' needs a whole number, not " + number + ".");
		if (type == int.class || type == Integer.class) return (int) number;
		return (long) number;
	}
}
