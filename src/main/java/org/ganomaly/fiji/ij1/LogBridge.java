package org.ganomaly.fiji.ij1;

import ij.IJ;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;

/**
 * Copies the messages of one SciJava logger to ImageJ's Log window while a command runs (SciJava's log goes to the
 * console, where ImageJ users do not look).
 */
final class LogBridge implements LogListener, AutoCloseable {

	private final LogService logService;
	private final String loggerName;

	private LogBridge(LogService logService, String loggerName) {
		this.logService = logService;
		this.loggerName = loggerName;
	}

	static LogBridge attach(LogService logService, String loggerName) {
		LogBridge bridge = new LogBridge(logService, loggerName);
		logService.addLogListener(bridge);
		return bridge;
	}

	@Override
	public void messageLogged(LogMessage message) {
		if (message.level() > LogLevel.INFO || !message.source().path().contains(loggerName)) return;
		IJ.log(text(message));
	}

	/** The Log's line(s) for a message: its level, its text, and the stack trace of a fault that comes with it. */
	static String text(LogMessage message) {
		String prefix =
				message.level() == LogLevel.ERROR ? "Error: " : message.level() == LogLevel.WARN ? "Warning: " : "";
		if (message.throwable() == null) return prefix + message.text();
		StringWriter trace = new StringWriter();
		message.throwable().printStackTrace(new PrintWriter(trace));
		return prefix + message.text() + "\n" + trace.toString().stripTrailing();
	}

	@Override
	public void close() {
		logService.removeLogListener(this);
	}
}
