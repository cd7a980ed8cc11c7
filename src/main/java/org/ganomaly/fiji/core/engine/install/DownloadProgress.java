package org.ganomaly.fiji.core.engine.install;

import java.util.Locale;

/**
 * How far a download is: bytes received of the total (-1 when unknown), the average rate so far and the time left
 * at that rate (NaN while unknown).
 */
public record DownloadProgress(long done, long total, double bytesPerSecond, double secondsLeft) {

	/** "52.3 of 187.4 MB, 12.1 MB/s, 11 s left". */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(megabytes(done));
		if (total >= 0) text.append(" of ").append(megabytes(total));
		text.append(" MB");
		if (bytesPerSecond > 0) text.append(String.format(Locale.ROOT, ", %.1f MB/s", bytesPerSecond / 1e6));
		if (Double.isFinite(secondsLeft))
			text.append(", ").append(duration(secondsLeft)).append(" left");
		return text.toString();
	}

	public static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
	}

	private static String duration(double seconds) {
		long s = Math.round(Math.ceil(seconds));
		return s < 60
				? s + " s"
				: s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
	}
}
