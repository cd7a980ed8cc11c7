package org.ganomaly.fiji.ij1;

import ij.IJ;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.log.LogService;

/**
 * The SciJava context the ImageJ 1.x entries run commands in: Fiji's own context when the plugin runs in Fiji, else
 * one small context for the session, whose status messages are shown in ImageJ's status bar and progress bar (Fiji
 * does that for its context). The caller must have set the thread's context class loader to ImageJ's.
 */
final class Ij1Context {

	private static Context own;
	/** Keeps the status subscriber reachable: the event service holds subscribers weakly. */
	private static StatusBar statusBar;

	private Ij1Context() {}

	static synchronized Context get() {
		Context fiji = fijiContext();
		if (fiji != null) return fiji;
		if (own == null) {
			own = new Context(CommandService.class, StatusService.class, LogService.class, EventService.class);
			statusBar = new StatusBar();
			own.service(EventService.class).subscribe(statusBar);
		}
		return own;
	}

	/** Fiji's context, which imagej-legacy hands out for this special plugin name; null outside Fiji. */
	private static Context fijiContext() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, IJ.getClassLoader());
		} catch (ClassNotFoundException e) {
			return null;
		}
		return IJ.runPlugIn("org.scijava.Context", "") instanceof Context context ? context : null;
	}

	/** Shows SciJava status events in ImageJ 1.x. */
	static final class StatusBar {

		@EventHandler
		public void onStatus(StatusEvent event) {
			if (event.getStatusMessage() != null) IJ.showStatus(event.getStatusMessage());
			int value = event.getProgressValue(), maximum = event.getProgressMaximum();
			if (value >= 0 && maximum > 0) IJ.showProgress(value, maximum);
		}
	}
}
