package org.ganomaly.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import org.ganomaly.fiji.command.CommandLineRun;
import org.ganomaly.fiji.command.GanomalyCommand;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * The ImageJ 1.x menu entry of a GANomaly command ({@code plugins.config} passes the command's class name as the
 * argument): asks for the parameters with a GenericDialog (which reads macro options and records macros), runs the
 * command on this thread, shows its images, and reports a failure as an error that also stops a running macro.
 */
public final class RunCommand implements PlugIn {

	@Override
	public void run(String commandClass) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// SciJava's plugin discovery and DJL's engine lookup use the context class loader; in plain ImageJ 1.x only
		// ImageJ's own class loader sees the jars in plugins/ and jars/.
		thread.setContextClassLoader(IJ.getClassLoader());
		try {
			Context context = Ij1Context.get();
			CommandInfo info = context.service(CommandService.class).getCommand(commandClass);
			if (info == null) {
				report("GANomaly", "The command " + commandClass + " is not installed.");
				return;
			}
			Module module = context.service(ModuleService.class).createModule(info);
			CommandDialog dialog = new CommandDialog(info, module);
			if (!dialog.show()) return;
			if (GraphicsEnvironment.isHeadless()) module.run(); // SciJava's log already goes to the console
			else
				try (LogBridge bridge = LogBridge.attach(context.service(LogService.class), GanomalyCommand.LOGGER)) {
					module.run();
				}
			Cancelable command = (Cancelable) module;
			if (command.isCanceled()) {
				// The command has logged the reason and failed a shell's run already.
				if (interactive()) IJ.error(info.getTitle(), MessageLines.wrap(command.getCancelReason()));
				stopMacro();
				return;
			}
			showImages(info, module);
		} catch (IllegalArgumentException e) {
			report("GANomaly", e.getMessage());
		} catch (RuntimeException | LinkageError e) {
			report("GANomaly", "Unexpected error: " + e + ". Please report it with the Log and the console output.");
		} finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static void showImages(CommandInfo info, Module module) {
		for (ModuleItem<?> output : info.outputs()) {
			if (output.getValue(module) instanceof ImagePlus imp && imp.getWindow() == null) imp.show();
		}
	}

	/**
	 * Shows a message in a dialog (interactively) or the Log and on the console, stops a running macro, and fails a
	 * run started from a shell.
	 */
	private static void report(String title, String message) {
		if (interactive()) IJ.error(title, MessageLines.wrap(message));
		else {
			IJ.log(title + ": " + message);
			System.err.println("[ERROR] " + title + ": " + message);
		}
		stopMacro();
		CommandLineRun.failed(contextIfAny());
	}

	private static Context contextIfAny() {
		try {
			return Ij1Context.get();
		} catch (RuntimeException | LinkageError e) {
			return null;
		}
	}

	/** Whether ImageJ's window is up, so dialogs can be shown (not headless, not a -batch run). */
	private static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	/** Stops the macro that called the command, if any, once the command returns (Macro.abort() does not in -batch). */
	private static void stopMacro() {
		if (Interpreter.getInstance() != null) Interpreter.abort();
	}
}
