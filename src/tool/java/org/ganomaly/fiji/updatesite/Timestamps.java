package org.ganomaly.fiji.updatesite;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The updater's timestamps: local date and time written as the 14 digits
 * {@code yyyyMMddHHmmss} and stored as a number, never a Unix epoch.
 */
public final class Timestamps {

	private static final DateTimeFormatter DIGITS =
			DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

	private Timestamps() {}

	public static long of(final LocalDateTime time) {
		return Long.parseLong(time.format(DIGITS));
	}

	/** @throws IllegalArgumentException if it is not 14 digits of a real date and time */
	public static LocalDateTime parse(final long timestamp) {
		final String digits = Long.toString(timestamp);
		try {
			if (digits.length() != 14) throw new DateTimeParseException("not 14 digits", digits, 0);
			return LocalDateTime.parse(digits, DIGITS);
		} catch (final DateTimeParseException e) {
			throw new IllegalArgumentException("'" + digits + "' is not a yyyyMMddHHmmss timestamp", e);
		}
	}

	public static boolean isValid(final long timestamp) {
		try {
			parse(timestamp);
			return true;
		} catch (final IllegalArgumentException e) {
			return false;
		}
	}

	/** The timestamp one second later. */
	public static long next(final long timestamp) {
		return of(parse(timestamp).plusSeconds(1));
	}
}
