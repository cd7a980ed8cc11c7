package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs a site folder into an ImageJ or Fiji folder the way the updater
 * would: each current file is checked against its recorded checksum and copied
 * under its name without the timestamp ({@code jars/api-0.36.0.jar}), other
 * versions of the same file are removed, and obsolete files are uninstalled.
 * <p>
 * Command line: {@code SiteInstaller SITE_DIR IMAGEJ_DIR}.
 * </p>
 */
public final class SiteInstaller {

	private SiteInstaller() {}

	/**
	 * @return what was done, one line per file
	 * @throws IOException if the site has no database, or a file on it is not the
	 *           one its record describes (nothing is installed from a corrupt file)
	 */
	public static List<String> install(final Path siteDir, final Path imagejDir) throws IOException {
		if (!Files.isRegularFile(siteDir.resolve(SiteDatabase.FILE_NAME))) {
			throw new IOException(siteDir + " has no " + SiteDatabase.FILE_NAME + ": not an update site");
		}
		final List<String> log = new ArrayList<>();
		for (final SiteRecord record : SiteDatabase.load(siteDir).records()) {
			for (final String other : installedVersions(imagejDir, record)) {
				if (record.isObsolete() || !other.equals(record.filename())) {
					Files.delete(imagejDir.resolve(other));
					log.add("removed " + other);
				}
			}
			if (record.isObsolete()) continue;
			final Path source = siteDir.resolve(record.currentSiteFile());
			final String checksum = UpdaterChecksum.of(record.filename(), source);
			if (!checksum.equals(record.current().checksum())) {
				throw new IOException(record.currentSiteFile() + ": checksum " + checksum + ", but db.xml.gz records "
						+ record.current().checksum());
			}
			final Path target = imagejDir.resolve(record.filename());
			Files.createDirectories(target.getParent());
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
			log.add("installed " + record.filename());
		}
		return log;
	}

	/** Files in the record's folder that the updater takes for versions of the record's file. */
	private static List<String> installedVersions(final Path imagejDir, final SiteRecord record) throws IOException {
		final String filename = record.filename();
		final String folder = filename.substring(0, filename.lastIndexOf('/') + 1);
		final Path dir = imagejDir.resolve(folder);
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile)
					.map(f -> folder + f.getFileName())
					.filter(path -> UpdaterFilenames.unversioned(path).equals(record.unversionedName()))
					.sorted()
					.toList();
		}
	}

	public static void main(final String[] args) throws IOException {
		System.exit(run(args, System.out));
	}

	/** The command line; returns the exit status. */
	static int run(final String[] args, final PrintStream out) throws IOException {
		final CommandLine line;
		try {
			line = CommandLine.parse(args, 2, List.of(), List.of());
		} catch (final IllegalArgumentException e) {
			return CommandLine.usage(out, e, "SiteInstaller SITE_DIR IMAGEJ_DIR");
		}
		install(Path.of(line.positional().get(0)), Path.of(line.positional().get(1)))
				.forEach(out::println);
		return 0;
	}
}
