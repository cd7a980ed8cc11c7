package org.ganomaly.fiji.updatesite;

import java.io.IOException;

/** A {@code db.xml.gz} that cannot be read as an update site's database. */
public class SiteFormatException extends IOException {

	public SiteFormatException(final String message) {
		super(message);
	}

	public SiteFormatException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
