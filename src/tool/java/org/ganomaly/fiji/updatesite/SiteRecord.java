package org.ganomaly.fiji.updatesite;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <plugin>} of an update site's {@code db.xml.gz}: a file with its
 * current version (none once the file is obsolete), metadata, and the versions
 * it had before.
 */
public final class SiteRecord {

	/** The current version: stored on the site as {@code <filename>-<timestamp>}. */
	public record Version(String checksum, long timestamp, long filesize) {}

	/**
	 * An earlier version, replaced at {@code timestampObsolete} (0 if unknown).
	 * Its file stays on the site as {@code <filename>-<timestamp>}.
	 */
	public record PreviousVersion(String filename, long timestamp, long timestampObsolete, String checksum) {}

	/**
	 * A file this one needs. The timestamp is the needed file's version when the
	 * dependency was recorded; 0 for a Fiji core file, whose version is Fiji's
	 * own.
	 */
	public record Dependency(String filename, long timestamp) {}

	private String filename;
	private Version current;
	private boolean executable;
	private String description;
	private List<Dependency> dependencies = List.of();
	private List<String> links = List.of();
	private List<String> authors = List.of();
	private List<String> platforms = List.of();
	private List<String> categories = List.of();
	private final List<PreviousVersion> previous = new ArrayList<>();

	public SiteRecord(final String filename) {
		this.filename = filename;
	}

	/** The current file name, with version, such as {@code jars/api-0.36.0.jar}. */
	public String filename() {
		return filename;
	}

	/** The name the updater knows the file by, such as {@code jars/api.jar}. */
	public String unversionedName() {
		return UpdaterFilenames.unversioned(filename);
	}

	/** @return the current version, or null if the file is obsolete */
	public Version current() {
		return current;
	}

	public boolean isObsolete() {
		return current == null;
	}

	/** Where a version's file lies on the site, relative to the site folder. */
	public static String siteFile(final String filename, final long timestamp) {
		return filename + "-" + timestamp;
	}

	/** Where the current version lies on the site; the file must not be obsolete. */
	public String currentSiteFile() {
		return siteFile(filename, current.timestamp());
	}

	public List<PreviousVersion> previousVersions() {
		return List.copyOf(previous);
	}

	public String description() {
		return description;
	}

	public List<Dependency> dependencies() {
		return dependencies;
	}

	public List<String> links() {
		return links;
	}

	public List<String> authors() {
		return authors;
	}

	public List<String> platforms() {
		return platforms;
	}

	public List<String> categories() {
		return categories;
	}

	public boolean executable() {
		return executable;
	}

	/**
	 * Makes {@code version} of {@code newFilename} current; the version it
	 * replaces, if any, becomes a previous version obsoleted at the new
	 * version's timestamp.
	 */
	public void publish(final String newFilename, final Version version) {
		if (current != null) obsolete(version.timestamp());
		filename = newFilename;
		current = version;
	}

	/** Withdraws the current version: the file leaves the site at {@code timestamp}. */
	public void obsolete(final long timestamp) {
		previous.add(0, new PreviousVersion(filename, current.timestamp(), timestamp, current.checksum()));
		current = null;
	}

	/** For reading a database: sets the current version as it was written. */
	void setCurrent(final Version version) {
		current = version;
	}

	/** For reading a database: previous versions, newest first, as written. */
	void addPrevious(final PreviousVersion version) {
		previous.add(version);
	}

	void setExecutable(final boolean executable) {
		this.executable = executable;
	}

	public void setDescription(final String description) {
		this.description = description;
	}

	public void setDependencies(final List<Dependency> dependencies) {
		this.dependencies = List.copyOf(dependencies);
	}

	public void setLinks(final List<String> links) {
		this.links = List.copyOf(links);
	}

	public void setAuthors(final List<String> authors) {
		this.authors = List.copyOf(authors);
	}

	void setPlatforms(final List<String> platforms) {
		this.platforms = List.copyOf(platforms);
	}

	void setCategories(final List<String> categories) {
		this.categories = List.copyOf(categories);
	}

	@Override
	public String toString() {
		return filename + (current == null ? " (obsolete)" : "@" + current.timestamp());
	}
}
