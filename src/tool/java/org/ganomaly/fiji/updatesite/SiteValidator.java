package org.ganomaly.fiji.updatesite;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a site folder against the update-site format: {@code db.xml.gz} valid
 * against its inline DTD; every current file present with the recorded size and
 * checksum; timestamps well-formed and increasing; files only where the updater
 * manages them; dependencies found on the site or in Fiji's core.
 * <p>
 * Command line: {@code SiteValidator SITE_DIR [--fiji-bom pom-scijava.pom]};
 * exit code 0 if the site is valid, 1 if not, 2 on bad arguments.
 * </p>
 */
public final class SiteValidator {

	/** A problem found, naming the file it concerns. */
	public record Finding(boolean error, String file, String message) {

		@Override
		public String toString() {
			return (error ? "ERROR " : "WARNING ") + file + ": " + message;
		}
	}

	/** All findings; the site is valid when none is an error. */
	public record Result(List<Finding> findings) {

		public List<Finding> errors() {
			return findings.stream().filter(Finding::error).toList();
		}

		public List<Finding> warnings() {
			return findings.stream().filter(f -> !f.error()).toList();
		}

		public boolean isValid() {
			return errors().isEmpty();
		}
	}

	private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

	private final FijiCore fijiCore;
	private final List<Finding> findings = new ArrayList<>();

	private SiteValidator(final FijiCore fijiCore) {
		this.fijiCore = fijiCore;
	}

	/** @param fijiCore what Fiji ships, for dependencies not on the site */
	public static Result validate(final Path siteDir, final FijiCore fijiCore) throws IOException {
		final SiteValidator validator = new SiteValidator(fijiCore);
		validator.check(siteDir);
		return new Result(List.copyOf(validator.findings));
	}

	private void check(final Path siteDir) throws IOException {
		final Path db = siteDir.resolve(SiteDatabase.FILE_NAME);
		if (!Files.isRegularFile(db)) {
			error(SiteDatabase.FILE_NAME, "missing: " + siteDir + " is not an update site");
			return;
		}
		if (!checkXml(db)) return;
		final SiteDatabase database;
		try {
			database = SiteDatabase.load(siteDir);
		} catch (final SiteFormatException e) {
			error(SiteDatabase.FILE_NAME, e.getMessage());
			return;
		}
		for (final SiteRecord record : database.records()) checkRecord(siteDir, database, record);
		checkForStrayFiles(siteDir, database);
	}

	/** Gzip, well-formed XML, valid against the inline DTD, no {@code <update-site>} (that is for local databases). */
	private boolean checkXml(final Path db) throws IOException {
		final int before = findings.size();
		final DefaultHandler handler = new DefaultHandler() {

			@Override
			public InputSource resolveEntity(final String publicId, final String systemId) {
				// The DTD must be inline; nothing is fetched.
				return new InputSource(new StringReader(""));
			}

			@Override
			public void startElement(final String uri, final String local, final String name, final Attributes atts) {
				if (name.endsWith("update-site")) {
					SiteValidator.this.error(
							SiteDatabase.FILE_NAME,
							"has an <" + name + "> element: only a Fiji installation's own "
									+ "database lists update sites");
				}
			}

			@Override
			public void error(final SAXParseException e) {
				SiteValidator.this.error(SiteDatabase.FILE_NAME, "line " + e.getLineNumber() + ": " + e.getMessage());
			}

			@Override
			public void fatalError(final SAXParseException e) throws SAXParseException {
				throw e;
			}
		};
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			final SAXParserFactory factory = SAXParserFactory.newInstance();
			factory.setValidating(true);
			factory.newSAXParser().parse(in, handler);
		} catch (final SAXException | ParserConfigurationException | ZipException e) {
			error(SiteDatabase.FILE_NAME, "not gzipped XML: " + e.getMessage());
		} catch (final EOFException e) {
			error(SiteDatabase.FILE_NAME, "truncated");
		}
		return findings.size() == before;
	}

	private void checkRecord(final Path siteDir, final SiteDatabase database, final SiteRecord record)
			throws IOException {
		final String name = record.filename();
		SitePaths.problem(name).ifPresent(problem -> error(name, problem));
		final SiteRecord.Version current = record.current();
		if (current != null) {
			if (!Timestamps.isValid(current.timestamp())) {
				error(name, "timestamp " + current.timestamp() + " is not yyyyMMddHHmmss");
			} else {
				checkCurrentFile(siteDir, record);
			}
			for (final SiteRecord.Dependency dependency : record.dependencies()) {
				checkDependency(database, name, dependency);
			}
		}
		final Set<Long> seen = new HashSet<>();
		for (final SiteRecord.PreviousVersion previous : record.previousVersions()) {
			checkPrevious(siteDir, record, previous);
			if (!seen.add(previous.timestamp())) {
				error(name, "two previous versions have the timestamp " + previous.timestamp());
			}
		}
	}

	private void checkCurrentFile(final Path siteDir, final SiteRecord record) throws IOException {
		final String name = record.filename();
		final SiteRecord.Version current = record.current();
		final Path file = siteDir.resolve(record.currentSiteFile());
		if (!SHA1.matcher(current.checksum()).matches()) {
			error(name, "checksum '" + current.checksum() + "' is not a lowercase SHA-1");
		}
		if (!Files.isRegularFile(file)) {
			error(name, "its file " + record.currentSiteFile() + " is missing");
			return;
		}
		if (Files.size(file) != current.filesize()) {
			error(
					name,
					"size mismatch: db.xml.gz says " + current.filesize() + " bytes, " + record.currentSiteFile()
							+ " has " + Files.size(file));
		}
		final String actual = checksum(name, file);
		if (actual != null && !actual.equals(current.checksum())) {
			error(
					name,
					"checksum mismatch: db.xml.gz says " + current.checksum() + ", " + record.currentSiteFile()
							+ " has " + actual);
		}
	}

	private void checkPrevious(final Path siteDir, final SiteRecord record, final SiteRecord.PreviousVersion previous)
			throws IOException {
		final String name = record.filename();
		if (!Timestamps.isValid(previous.timestamp())) {
			error(name, "previous-version timestamp " + previous.timestamp() + " is not yyyyMMddHHmmss");
			return;
		}
		if (record.current() != null && previous.timestamp() >= record.current().timestamp()) {
			error(
					name,
					"previous version " + previous.timestamp() + " is not older than the current version "
							+ record.current().timestamp());
		}
		if (previous.timestampObsolete() != 0) {
			if (!Timestamps.isValid(previous.timestampObsolete())) {
				error(name, "timestamp-obsolete " + previous.timestampObsolete() + " is not yyyyMMddHHmmss");
			} else if (previous.timestampObsolete() < previous.timestamp()) {
				error(
						name,
						"previous version " + previous.timestamp() + " was obsoleted before it was made ("
								+ previous.timestampObsolete() + ")");
			}
		}
		// The updater only downloads current versions; old files are kept for history, so these are warnings.
		final String siteFile = SiteRecord.siteFile(previous.filename(), previous.timestamp());
		final Path file = siteDir.resolve(siteFile);
		if (!Files.isRegularFile(file)) {
			warning(name, "the file of previous version " + previous.timestamp() + ", " + siteFile + ", is missing");
		} else if (!previous.checksum().equals(checksum(previous.filename(), file))) {
			warning(name, siteFile + " does not have the checksum its previous-version entry records");
		}
	}

	private void checkDependency(
			final SiteDatabase database, final String name, final SiteRecord.Dependency dependency) {
		final String needed = dependency.filename();
		if (dependency.timestamp() != 0 && !Timestamps.isValid(dependency.timestamp())) {
			error(name, "dependency " + needed + " has timestamp " + dependency.timestamp() + ", not yyyyMMddHHmmss");
		}
		final SiteRecord onSite = database.get(needed);
		if (onSite != null && !onSite.isObsolete()) {
			if (dependency.timestamp() > onSite.current().timestamp()) {
				error(
						name,
						"depends on " + needed + " at " + dependency.timestamp()
								+ ", newer than that file's current version "
								+ onSite.current().timestamp());
			}
			return;
		}
		if (fijiCore.hasJar(needed)) return;
		error(
				name,
				"depends on " + needed + ", which is "
						+ (onSite != null
								? "obsolete on this site"
								: "neither on " + "this site nor in Fiji's core (pom-scijava)"));
	}

	private void checkForStrayFiles(final Path siteDir, final SiteDatabase database) throws IOException {
		final Set<String> known = new HashSet<>(Set.of(SiteDatabase.FILE_NAME, SiteDatabase.BACKUP_NAME));
		for (final SiteRecord record : database.records()) {
			if (!record.isObsolete()) known.add(record.currentSiteFile());
			record.previousVersions().forEach(p -> known.add(SiteRecord.siteFile(p.filename(), p.timestamp())));
		}
		try (Stream<Path> files = Files.walk(siteDir)) {
			files.filter(Files::isRegularFile)
					.map(f -> siteDir.relativize(f).toString().replace('\\', '/'))
					.filter(f -> !known.contains(f))
					.sorted()
					.forEach(f -> warning(f, "is not named by any record of db.xml.gz"));
		}
	}

	/** @return the updater checksum, or null after reporting why there is none */
	private String checksum(final String name, final Path file) {
		try {
			return UpdaterChecksum.of(name, file);
		} catch (final IOException e) {
			error(
					name,
					file.getFileName() + " cannot be read" + (name.endsWith(".jar") ? " as a jar" : "") + ": "
							+ e.getMessage());
			return null;
		}
	}

	private void error(final String file, final String message) {
		findings.add(new Finding(true, file, message));
	}

	private void warning(final String file, final String message) {
		findings.add(new Finding(false, file, message));
	}

	public static void main(final String[] args) throws IOException {
		System.exit(run(args, System.out));
	}

	/** The command line; returns the exit status. */
	static int run(final String[] args, final PrintStream out) throws IOException {
		final String usage = "SiteValidator SITE_DIR [--fiji-bom pom-scijava.pom]";
		final CommandLine line;
		try {
			line = CommandLine.parse(args, 1, List.of(), List.of("--fiji-bom"));
		} catch (final IllegalArgumentException e) {
			return CommandLine.usage(out, e, usage);
		}
		final String bom = line.options().get("--fiji-bom");
		// Without the bill of materials, every dependency must be on the site itself.
		final FijiCore core = bom == null ? FijiCore.of(Map.of()) : FijiCore.fromBom(Path.of(bom));
		final Path siteDir = Path.of(line.positional().get(0));
		final Result result = validate(siteDir, core);
		result.findings().forEach(out::println);
		out.println(siteDir + ": " + (result.isValid() ? "valid" : "INVALID") + " ("
				+ result.errors().size() + " errors, " + result.warnings().size() + " warnings)");
		return result.isValid() ? 0 : 1;
	}
}
