package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An update site's {@code db.xml.gz}: gzipped XML {@code <pluginRecords>} with
 * the inline DTD the Fiji updater writes, one {@code <plugin>} per file. Records
 * are keyed by their unversioned name, as the updater keys them.
 */
public final class SiteDatabase {

	public static final String FILE_NAME = "db.xml.gz";
	/** The uploader keeps the database it replaced under this name. */
	public static final String BACKUP_NAME = "db.xml.gz.old";

	/** The Fiji updater's DTD for db.xml.gz, as it writes it inline. */
	static final String DTD = String.join(
			"\n",
			"<!DOCTYPE pluginRecords [",
			"<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>",
			"<!ELEMENT update-site EMPTY>",
			"<!ELEMENT disabled-update-site EMPTY>",
			"<!ELEMENT plugin (platform*, category*, version?, previous-version*)>",
			"<!ELEMENT version (description?, dependency*, link*, author*)>",
			"<!ELEMENT previous-version EMPTY>",
			"<!ELEMENT description (#PCDATA)>",
			"<!ELEMENT dependency EMPTY>",
			"<!ELEMENT link (#PCDATA)>",
			"<!ELEMENT author (#PCDATA)>",
			"<!ELEMENT platform (#PCDATA)>",
			"<!ELEMENT category (#PCDATA)>",
			"<!ATTLIST update-site name CDATA #REQUIRED>",
			"<!ATTLIST update-site url CDATA #REQUIRED>",
			"<!ATTLIST update-site ssh-host CDATA #IMPLIED>",
			"<!ATTLIST update-site upload-directory CDATA #IMPLIED>",
			"<!ATTLIST update-site description CDATA #IMPLIED>",
			"<!ATTLIST update-site maintainer CDATA #IMPLIED>",
			"<!ATTLIST update-site timestamp CDATA #REQUIRED>",
			"<!ATTLIST disabled-update-site name CDATA #REQUIRED>",
			"<!ATTLIST disabled-update-site url CDATA #REQUIRED>",
			"<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>",
			"<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>",
			"<!ATTLIST disabled-update-site description CDATA #IMPLIED>",
			"<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>",
			"<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>",
			"<!ATTLIST plugin update-site CDATA #IMPLIED>",
			"<!ATTLIST plugin filename CDATA #REQUIRED>",
			"<!ATTLIST plugin executable CDATA #IMPLIED>",
			"<!ATTLIST dependency filename CDATA #REQUIRED>",
			"<!ATTLIST dependency timestamp CDATA #IMPLIED>",
			"<!ATTLIST dependency overrides CDATA #IMPLIED>",
			"<!ATTLIST version timestamp CDATA #REQUIRED>",
			"<!ATTLIST version checksum CDATA #REQUIRED>",
			"<!ATTLIST version filesize CDATA #REQUIRED>",
			"<!ATTLIST previous-version filename CDATA #IMPLIED>",
			"<!ATTLIST previous-version timestamp CDATA #REQUIRED>",
			"<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>",
			"<!ATTLIST previous-version checksum CDATA #REQUIRED>]>");

	private final Map<String, SiteRecord> records = new TreeMap<>();

	/** The database of the site in {@code siteDir}; empty if it has none yet. */
	public static SiteDatabase load(final Path siteDir) throws IOException {
		final Path db = siteDir.resolve(FILE_NAME);
		final SiteDatabase database = new SiteDatabase();
		if (!Files.exists(db)) return database;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			final Element root = parser().parse(in).getDocumentElement();
			if (!root.getTagName().equals("pluginRecords")) {
				throw new SiteFormatException(
						FILE_NAME + ": root element is <" + root.getTagName() + ">, not <pluginRecords>");
			}
			for (final Element plugin : children(root, "plugin")) database.add(readRecord(plugin));
		} catch (final IllegalArgumentException e) {
			throw new SiteFormatException(FILE_NAME + ": " + e.getMessage(), e);
		} catch (final SAXException | ParserConfigurationException e) {
			throw new SiteFormatException(FILE_NAME + ": not readable XML: " + e.getMessage(), e);
		}
		return database;
	}

	/** All records, ordered by unversioned name. */
	public Collection<SiteRecord> records() {
		return records.values();
	}

	/** @return the record of the file known as {@code path} (with or without version), or null */
	public SiteRecord get(final String path) {
		return records.get(UpdaterFilenames.unversioned(path));
	}

	/** @throws IllegalArgumentException if a record with the same unversioned name exists */
	public void add(final SiteRecord record) {
		final SiteRecord clash = records.putIfAbsent(record.unversionedName(), record);
		if (clash != null) {
			throw new IllegalArgumentException(record.filename() + " and " + clash.filename()
					+ " are the same file to the updater (" + record.unversionedName() + ")");
		}
	}

	/**
	 * Writes {@code db.xml.gz} into {@code siteDir}, keeping the database it
	 * replaces as {@code db.xml.gz.old}.
	 */
	public void save(final Path siteDir) throws IOException {
		Files.createDirectories(siteDir);
		final Path db = siteDir.resolve(FILE_NAME);
		final Path fresh = siteDir.resolve(FILE_NAME + ".new");
		try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(fresh));
				Writer out = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
			out.write(toXml());
		}
		if (Files.exists(db)) Files.copy(db, siteDir.resolve(BACKUP_NAME), StandardCopyOption.REPLACE_EXISTING);
		Files.move(fresh, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** The uncompressed XML, as the updater would write it for a remote site. */
	String toXml() {
		final XmlText xml = new XmlText();
		xml.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
		xml.line(0, DTD);
		xml.line(0, "<pluginRecords>");
		for (final SiteRecord record : records.values()) writeRecord(xml, record);
		xml.line(0, "</pluginRecords>");
		return xml.toString();
	}

	private static void writeRecord(final XmlText xml, final SiteRecord record) {
		xml.open(1, "plugin", "filename", record.filename(), "executable", record.executable() ? "true" : null);
		for (final String platform : record.platforms()) xml.element(2, "platform", platform);
		for (final String category : record.categories()) xml.element(2, "category", category);
		final SiteRecord.Version current = record.current();
		if (current != null) {
			xml.open(
					2,
					"version",
					"checksum",
					current.checksum(),
					"timestamp",
					Long.toString(current.timestamp()),
					"filesize",
					Long.toString(current.filesize()));
			if (record.description() != null) xml.element(3, "description", record.description());
			for (final SiteRecord.Dependency dependency : record.dependencies()) {
				xml.empty(
						3,
						"dependency",
						"filename",
						dependency.filename(),
						"timestamp",
						dependency.timestamp() == 0 ? null : Long.toString(dependency.timestamp()));
			}
			for (final String link : record.links()) xml.element(3, "link", link);
			for (final String author : record.authors()) xml.element(3, "author", author);
			xml.close(2, "version");
		}
		for (final SiteRecord.PreviousVersion previous : record.previousVersions()) {
			xml.empty(
					2,
					"previous-version",
					"timestamp",
					Long.toString(previous.timestamp()),
					"timestamp-obsolete",
					previous.timestampObsolete() == 0 ? null : Long.toString(previous.timestampObsolete()),
					"checksum",
					previous.checksum(),
					"filename",
					previous.filename());
		}
		xml.close(1, "plugin");
	}

	private static SiteRecord readRecord(final Element plugin) throws SiteFormatException {
		final String filename = plugin.getAttribute("filename");
		if (filename.isEmpty()) throw new SiteFormatException(FILE_NAME + ": a <plugin> has no filename");
		final SiteRecord record = new SiteRecord(filename);
		record.setExecutable("true".equalsIgnoreCase(plugin.getAttribute("executable")));
		record.setPlatforms(texts(plugin, "platform"));
		record.setCategories(texts(plugin, "category"));
		for (final Element version : children(plugin, "version")) {
			record.setCurrent(new SiteRecord.Version(
					version.getAttribute("checksum"),
					number(filename, version, "timestamp"),
					number(filename, version, "filesize")));
			final List<Element> description = children(version, "description");
			if (!description.isEmpty()) record.setDescription(description.get(0).getTextContent());
			final List<SiteRecord.Dependency> dependencies = new ArrayList<>();
			for (final Element dependency : children(version, "dependency")) {
				dependencies.add(new SiteRecord.Dependency(
						dependency.getAttribute("filename"), number(filename, dependency, "timestamp")));
			}
			record.setDependencies(dependencies);
			record.setLinks(texts(version, "link"));
			record.setAuthors(texts(version, "author"));
		}
		final List<SiteRecord.PreviousVersion> previous = new ArrayList<>();
		for (final Element version : children(plugin, "previous-version")) {
			previous.add(new SiteRecord.PreviousVersion(
					version.getAttribute("filename"),
					number(filename, version, "timestamp"),
					number(filename, version, "timestamp-obsolete"),
					version.getAttribute("checksum")));
		}
		previous.sort(
				Comparator.comparingLong(SiteRecord.PreviousVersion::timestamp).reversed());
		for (final SiteRecord.PreviousVersion version : withFilenames(previous, record)) record.addPrevious(version);
		return record;
	}

	/**
	 * A previous version written without a file name has the name of the next
	 * newer version, as the updater reads it.
	 */
	private static List<SiteRecord.PreviousVersion> withFilenames(
			final List<SiteRecord.PreviousVersion> newestFirst, final SiteRecord record) {
		final List<SiteRecord.PreviousVersion> result = new ArrayList<>();
		String name = record.filename();
		for (final SiteRecord.PreviousVersion version : newestFirst) {
			if (version.filename().isEmpty()) {
				result.add(new SiteRecord.PreviousVersion(
						name, version.timestamp(), version.timestampObsolete(), version.checksum()));
			} else {
				name = version.filename();
				result.add(version);
			}
		}
		return result;
	}

	private static long number(final String filename, final Element element, final String attribute)
			throws SiteFormatException {
		final String value = element.getAttribute(attribute);
		if (value.isEmpty()) return 0;
		try {
			return Long.parseLong(value);
		} catch (final NumberFormatException e) {
			throw new SiteFormatException(FILE_NAME + ": " + filename + ": <" + element.getTagName() + "> " + attribute
					+ "=\"" + value + "\" is not a number");
		}
	}

	private static List<Element> children(final Element parent, final String tag) {
		final List<Element> result = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(tag)) result.add(e);
		}
		return result;
	}

	private static List<String> texts(final Element parent, final String tag) {
		return children(parent, tag).stream().map(Element::getTextContent).toList();
	}

	private static DocumentBuilder parser() throws ParserConfigurationException {
		final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		// The DTD is inline; nothing is fetched from outside.
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setExpandEntityReferences(false);
		return factory.newDocumentBuilder();
	}
}
