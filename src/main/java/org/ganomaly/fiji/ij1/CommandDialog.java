package org.ganomaly.fiji.ij1;

import java.awt.Component;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;

/**
 * A GenericDialog for a SciJava command's parameters. Each field's label is the parameter's name with a capital
 * letter (GenericDialog shows underscores as spaces), so the macro key GenericDialog reads and records is the
 * parameter's name: the same key as Fiji uses for the command. In macros the dialog is not shown and the values
 * come from the macro options; absent keys keep the command's defaults (an image defaults to the current image).
 */
final class CommandDialog {

	/** The choice that stands for no image. */
	static final String NO_IMAGE = "-";

	private final CommandInfo info;
	private final Module module;
	private final List<ModuleItem<?>> parameters = new ArrayList<>();

	CommandDialog(CommandInfo info, Module module) {
		this.info = info;
		this.module = module;
		for (ModuleItem<?> input : info.inputs())
			if (isParameter(input)) parameters.add(input);
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
		StringBuilder help = new StringBuilder("<html><h3>" + info.getTitle() + "</h3><table>");
		for (ModuleItem<?> item : parameters) {
			add(dialog, item);
			help.append("<tr><td><b>").append(key(item)).append("</b></td><td>")
				.append(item.getDescription() == null ? item.getLabel() : item.getDescription()).append("</td></tr>");
		}
		dialog.addHelp(help.append("</table></html>").toString());
		dialog.showDialog();
		if (dialog.wasCanceled()) return false;
		for (ModuleItem<?> item : parameters) {
			module.setInput(item.getName(), read(dialog, item));
			module.resolveInput(item.getName());
		}
		return true;
	}

	private void add(GenericDialog dialog, ModuleItem<?> item) {
		String label = Character.toUpperCase(item.getName().charAt(0)) + item.getName().substring(1);
		Class<?> type = item.getType();
		Object value = item.getValue(module);
		if (type == ImagePlus.class) {
			String[] titles = WindowManager.getImageTitles();
			String[] choices = Arrays.copyOf(titles, titles.length + 1);
			choices[titles.length] = NO_IMAGE;
			ImagePlus current = WindowManager.getCurrentImage();
			dialog.addChoice(label, choices, current != null ? current.getTitle() : NO_IMAGE);
		}
		else if (type == File.class) {
			String path = value == null ? "" : ((File) value).getPath();
			// Headless Fiji swaps in ij1-patcher's HeadlessGenericDialog (no AWT component), whose file and folder
			// fields are empty methods: a string field has the same macro key and works in both.
			if (!(dialog instanceof Component)) dialog.addStringField(label, path, 40);
			else if (FileWidget.DIRECTORY_STYLE.equals(item.getWidgetStyle())) dialog.addDirectoryField(label, path);
			else dialog.addFileField(label, path);
		}
		else if (type == boolean.class || type == Boolean.class) {
			dialog.addCheckbox(label, Boolean.TRUE.equals(value));
		}
		else if (type == String.class && hasChoices(item)) {
			dialog.addChoice(label, item.getChoices().toArray(String[]::new), (String) value);
		}
		else if (type == String.class) {
			dialog.addStringField(label, value == null ? "" : (String) value, 20);
		}
		else if (value instanceof Number number) {
			dialog.addNumericField(label, number.doubleValue(), decimals(type, number.doubleValue()));
		}
		else {
			throw new IllegalStateException("Parameter '" + item.getName() + "' has a type the dialog cannot show: "
				+ type.getName());
		}
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
		if (Double.isNaN(number))
			throw new IllegalArgumentException("'" + key(item) + "' needs a number.");
		if (type == double.class || type == Double.class) return number;
		if (type == float.class || type == Float.class) return (float) number;
		if (number != Math.rint(number))
			throw new IllegalArgumentException("'" + key(item) + "' needs a whole number, not " + number + ".");
		if (type == int.class || type == Integer.class) return (int) number;
		return (long) number;
	}
}
