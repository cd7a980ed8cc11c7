package org.ganomaly.fiji.command;

import ai.djl.engine.EngineException;
import ij.IJ;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.ganomaly.fiji.core.runtime.EngineFailures;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.log.Logger;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * What the GANomaly commands share: logging, progress, cancellation, and turning bad input into a clear message.
 * A command reports a problem with its input or files by throwing IllegalArgumentException, IllegalStateException
 * or an IOException; the problem is logged and the command is cancelled with the message as the reason, which the
 * ImageJ 1.x menu entries show as an error (see {@code org.ganomaly.fiji.ij1.RunCommand}); any other exception is
 * reported as an unexpected error, but for the engine's own errors, such as a GPU out of memory, which say what to
 * change ({@link EngineFailures}). A run started from a shell then exits with status 1 ({@link CommandLineRun}).
 */
public abstract class GanomalyCommand extends ContextCommand {

	/** Name of the logger every command writes to; the ImageJ 1.x bridge copies its messages to the Log window. */
	public static final String LOGGER = "GANomaly";

	@Parameter
	private LogService logService;

	@Parameter
	private StatusService statusService;

	private Logger logger;

	@Override
	public final void run() {
		IJ.resetEscape();
		try {
			execute();
		} catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
			fail(e, e.getMessage() != null ? e.getMessage() : e.toString(), false);
		} catch (EngineException e) {
			fail(e, EngineFailures.explain(e), false);
		} catch (RuntimeException | LinkageError e) {
			// Not a problem with the input: a fault, reported as one, with the stack trace the report needs.
			fail(
					e,
					"Unexpected error: " + e + ". Its stack trace follows in the Log (and the console); please "
							+ "report it with them.",
					true);
		} finally {
			statusService.showProgress(1, 1); // full: ImageJ hides the bar
			statusService.clearStatus();
		}
	}

	/**
	 * Logs the failure (with its stack trace when it is a fault, else at debug level), cancels the command with it,
	 * and fails a run started from a shell (CommandLineRun).
	 */
	private void fail(Throwable e, String message, boolean fault) {
		if (fault) logger().error(title() + ": " + message, e);
		else {
			logger().debug(e);
			logger().error(title() + ": " + message);
		}
		cancel(message);
		CommandLineRun.failed(getContext());
	}

	/** Does the command's work; runs once per {@link #run()}. */
	protected abstract void execute() throws IOException;

	/** The command's menu label. */
	protected final String title() {
		return getClass().getAnnotation(Plugin.class).label();
	}

	/**
	 * Whether the user asked to stop: the command was cancelled (SciJava), its thread interrupted, or Esc pressed in
	 * ImageJ.
	 */
	protected final boolean cancellationRequested() {
		return isCanceled() || Thread.currentThread().isInterrupted() || IJ.escapePressed();
	}

	protected final void info(String message) {
		logger().info(message);
	}

	protected final void warn(String message) {
		logger().warn(message);
	}

	/** Status line and progress bar: {@code done} of {@code total} steps. */
	protected final void progress(long done, long total, String message) {
		// The progress bar takes ints; scale large counts down.
		int scale = (int) Math.max(1, total / Integer.MAX_VALUE + 1);
		statusService.showStatus((int) (done / scale), (int) (total / scale), message);
	}

	protected final void status(String message) {
		statusService.showStatus(message);
	}

	private Logger logger() {
		if (logger == null) logger = logService.subLogger(LOGGER);
		return logger;
	}
}
