package org.ganomaly.fiji.command;

import java.time.Duration;

/** Durations as a clock reads them: "0:42", "12:05", "1:02:03". */
final class Durations {

	private Durations() {}

	static String format(Duration duration) {
		long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
		long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
		return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
	}
}
