package org.ganomaly.fiji.command;

import ij.IJ;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.Field;
import java.util.Map;
import org.scijava.Context;
import org.scijava.service.Service;

/**
 * Makes a failed command visible to whoever started Fiji or ImageJ from a shell: a pipeline sees a non-zero exit
 * status, which imagej-legacy's {@code -batch} (always {@code System.exit(0)}) and a headless {@code --run} would
 * not give.
 * <p>
 * The JVM is made to exit with status 1 only when the run was going to end anyway with the command line that
 * started it, never in an interactive Fiji or an embedding program (PyImageJ, a script server):
 * <ul>
 * <li>Fiji, {@code -batch}/{@code -eval}: a thread is still processing the command-line arguments
 * ({@code DefaultConsoleService.processArgs}) and imagej-legacy will exit at the end of that run (its
 * {@code exitAtEnd} flag; not with {@code -batch-no-exit});</li>
 * <li>Fiji, {@code --run}: the main thread waits for the command in SciJava's {@code RunArgument}, and Fiji is
 * headless (it ends after the command; with a user interface it stays open);</li>
 * <li>plain ImageJ 1.x: {@code ij.ImageJ.main} is still running and there is no ImageJ window ({@code -batch},
 * {@code -eval}), after which ImageJ 1.x exits.</li>
 * </ul>
 */
public final class CommandLineRun {

	private CommandLineRun() {}

	/** Stops the JVM with status 1 if this run ends with its command line; the caller has logged the message. */
	public static void failed(Context context) {
		if (endsWithCommandLine(context)) {
			System.err.println("[ERROR] GANomaly: the command failed; exiting with status 1.");
			System.err.flush();
			System.exit(1);
		}
	}

	static boolean endsWithCommandLine(Context context) {
		boolean fijiArguments = false, runArgument = false, imagejMain = false;
		for (StackTraceElement[] stack : Thread.getAllStackTraces().values())
			for (StackTraceElement frame : stack) {
				if (frame.getClassName().equals("org.scijava.console.DefaultConsoleService")
						&& frame.getMethodName().equals("processArgs")) fijiArguments = true;
				// --run is queued as a start-up operation and waits for the command there.
				if (frame.getClassName().startsWith("org.scijava.run.console.RunArgument")) runArgument = true;
				if (frame.getClassName().equals("ij.ImageJ")
						&& frame.getMethodName().equals("main")) imagejMain = true;
			}
		if (runArgument) return GraphicsEnvironment.isHeadless();
		if (fijiArguments) {
			Boolean exitAtEnd = legacyFlag(context, "exitAtEnd");
			// Unreadable (another imagej-legacy): a headless Fiji has no session to keep open either.
			return exitAtEnd == null ? GraphicsEnvironment.isHeadless() : exitAtEnd;
		}
		return imagejMain && IJ.getInstance() == null;
	}

	/**
	 * One of imagej-legacy's command-line flags (private static maps keyed by the LegacyService, in
	 * net.imagej.legacy.LegacyCommandline); null when it cannot be read (no imagej-legacy, another version).
	 */
	private static Boolean legacyFlag(Context context, String name) {
		if (context == null) return null;
		try {
			Service legacy = context.getService("net.imagej.legacy.LegacyService");
			if (legacy == null) return null;
			Field field = Class.forName(
							"net.imagej.legacy.LegacyCommandline",
							false,
							legacy.getClass().getClassLoader())
					.getDeclaredField(name);
			field.setAccessible(true);
			return field.get(null) instanceof Map<?, ?> flag ? Boolean.TRUE.equals(flag.get(legacy)) : null;
		} catch (ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}
}
