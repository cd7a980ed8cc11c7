package org.ganomaly.fiji.updatesite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The updater knows a file by its name without the version:
 * {@code jars/api-0.36.0.jar} and {@code jars/api-0.37.0.jar} are two versions
 * of {@code jars/api.jar}. This is the rule of SciJava's
 * {@code FileUtils.stripFilenameVersion}, which the updater uses; a test checks
 * that both agree.
 */
public final class UpdaterFilenames {

	private static final String VERSION = "\\d+(\\.\\d+|\\d{7})+[a-z]?\\d?(-[A-Za-z0-9.]+?|\\.GA)*?";
	private static final String CLASSIFIER = String.join(
			"|",
			"swing",
			"swt",
			"shaded",
			"sources",
			"javadoc",
			"natives?-?\\w*",
			"(natives-)?(android|linux|macosx|macos|solaris|windows)-"
					+ "(aarch64|amd64|arm64|armv6hf|armv6|arm|i386|i486|i586|i686|universal|x86[_-]32|x86[_-]64|x86)");
	private static final Pattern VERSIONED =
			Pattern.compile("(.+?)(-" + VERSION + ")?(?<tail>(-(" + CLASSIFIER + "))?(\\.jar(-[a-z]*)?))");

	private UpdaterFilenames() {}

	/** {@code jars/api-0.36.0.jar} → {@code jars/api.jar}; names that are not versioned jars stay as they are. */
	public static String unversioned(final String path) {
		final Matcher m = VERSIONED.matcher(path);
		return m.matches() ? m.group(1) + m.group("tail") : path;
	}

	/** The file name after the last slash. */
	public static String baseName(final String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
