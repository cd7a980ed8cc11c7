package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SiteValidatorTest {

	private static final long T1 = 20261128120000L;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private SiteFixture fixture;

	@Before
	public void buildSite() throws Exception {
		fixture = new SiteFixture(tmp.getRoot().toPath());
		fixture.buildAt("2026-11-28T12:00:00");
	}

	@Test
	public void aCorruptedJarIsNamed() throws Exception {
		FixtureJars.jar().entry("plugins.config", "tampered").writeTo(site("plugins/GANomaly_-0.1.0.jar-" + T1));

		final List<String> errors = errors();

		assertEquals(2, errors.size());
		assertTrue(errors.get(0), errors.get(0).startsWith("ERROR plugins/GANomaly_-0.1.0.jar: size mismatch"));
		assertTrue(
				errors.get(1),
				errors.get(1).startsWith("ERROR plugins/GANomaly_-0.1.0.jar: checksum mismatch: " + "db.xml.gz says "));
	}

	@Test
	public void aChangedByteOfAMacroIsFound() throws Exception {
		final Path macro = site("macros/GANomaly_Site_Fixture.ijm-" + T1);
		final byte[] bytes = Files.readAllBytes(macro);
		bytes[bytes.length - 2] ^= 1;
		Files.write(macro, bytes);

		assertEquals(1, errors().size());
		assertTrue(errors().get(0).startsWith("ERROR macros/GANomaly_Site_Fixture.ijm: checksum mismatch"));
	}

	@Test
	public void aMissingFileIsNamed() throws Exception {
		Files.delete(site("jars/api-0.36.0.jar-" + T1));
		assertEquals(
				List.of("ERROR jars/api-0.36.0.jar: its file jars/api-0.36.0.jar-" + T1 + " is missing"), errors());
	}

	@Test
	public void aJarThatIsNoZipIsNamed() throws Exception {
		final Path jar = site("jars/api-0.36.0.jar-" + T1);
		final long size = Files.size(jar);
		Files.write(jar, new byte[(int) size]);
		assertEquals(1, errors().size());
		assertTrue(
				errors().get(0),
				errors().get(0)
						.startsWith("ERROR jars/api-0.36.0.jar: api-0.36.0.jar-" + T1 + " cannot be read as a jar"));
	}

	@Test
	public void badRecordsAreEachNamed() throws Exception {
		final SiteDatabase db = fixture.db();
		final Path macro = site("macros/GANomaly_Site_Fixture.ijm-" + T1);
		add(db, "plugins/NoUnderscore-1.0.jar", T1, fixture.pluginJar);
		add(db, "Fiji.app/jars/x.jar", T1, fixture.pluginJar);
		add(db, "macros/evil.sh", T1, macro);
		add(db, "jars/bad-time.jar", 20261340120000L, fixture.pluginJar);
		final SiteRecord needy = add(db, "jars/needy.jar", T1, fixture.pluginJar);
		needy.setDependencies(List.of(
				new SiteRecord.Dependency("jars/nowhere-1.0.jar", T1),
				new SiteRecord.Dependency("jars/gson-2.10.1.jar", 0)));
		db.save(fixture.site);

		final List<String> errors = errors();

		assertEquals(String.join("\n", errors), 5, errors.size());
		assertTrue(
				errors.contains("ERROR Fiji.app/jars/x.jar: is not under jars/, plugins/, macros/, scripts/ or lib/"));
		assertTrue(errors.contains("ERROR jars/bad-time.jar: timestamp 20261340120000 is not yyyyMMddHHmmss"));
		assertTrue(errors.contains("ERROR jars/needy.jar: depends on jars/nowhere-1.0.jar, which is neither on this "
				+ "site nor in Fiji's core (pom-scijava)"));
		assertTrue(errors.contains("ERROR macros/evil.sh: has an extension the updater does not manage in macros/ "
				+ "(allowed: .ijm .png .txt)"));
		assertTrue(errors.contains("ERROR plugins/NoUnderscore-1.0.jar: is a plugin jar without '_' in its name: "
				+ "ImageJ would not load its plugins.config"));
	}

	@Test
	public void aPreviousVersionMustBeOlderThanTheCurrentOne() throws Exception {
		final SiteDatabase db = fixture.db();
		final SiteRecord record = add(db, "jars/backwards.jar", T1, fixture.pluginJar);
		record.publish(
				"jars/backwards.jar",
				new SiteRecord.Version(record.current().checksum(), 20261127000000L, Files.size(fixture.pluginJar)));
		Files.copy(fixture.pluginJar, site("jars/backwards.jar-20261127000000"));
		db.save(fixture.site);

		assertEquals(
				List.of(
						"ERROR jars/backwards.jar: previous version " + T1 + " is not older than the current "
								+ "version 20261127000000",
						"ERROR jars/backwards.jar: previous version " + T1 + " was obsoleted before it "
								+ "was made (20261127000000)"),
				errors());
	}

	@Test
	public void strayAndMissingOldFilesAreWarnings() throws Exception {
		fixture.pluginJar = fixture.plugin("0.1.0", "bytecode v2");
		fixture.buildAt("2026-11-29T09:30:00");
		Files.delete(site("plugins/GANomaly_-0.1.0.jar-" + T1));
		Files.writeString(site("jars/leftover.jar"), "?");

		final SiteValidator.Result result = fixture.validate();

		assertTrue(result.isValid());
		assertEquals(
				List.of(
						"WARNING plugins/GANomaly_-0.1.0.jar: the file of previous version " + T1
								+ ", plugins/GANomaly_-0.1.0.jar-" + T1 + ", is missing",
						"WARNING jars/leftover.jar: is not named by any record of db.xml.gz"),
				result.warnings().stream().map(Object::toString).toList());
	}

	@Test
	public void aDatabaseWithoutTheDtdIsInvalid() throws Exception {
		writeDb("<?xml version=\"1.0\"?>\n<pluginRecords>\n</pluginRecords>\n");
		assertFalse(fixture.validate().isValid());
		assertTrue(errors().get(0), errors().get(0).startsWith("ERROR db.xml.gz: line "));
	}

	@Test
	public void aLocalDatabaseListingUpdateSitesIsRefused() throws Exception {
		writeDb(fixture.dbXml()
				.replace(
						"<pluginRecords>\n",
						"<pluginRecords>\n<update-site name=\"X\" url=\"https://x/\" timestamp=\"0\"/>\n"));
		assertEquals(
				List.of("ERROR db.xml.gz: has an <update-site> element: only a Fiji installation's own database "
						+ "lists update sites"),
				errors());
	}

	@Test
	public void aDatabaseThatIsNotGzippedIsNamed() throws Exception {
		Files.writeString(site("db.xml.gz"), fixture.dbXml());
		assertEquals(1, errors().size());
		assertTrue(errors().get(0).startsWith("ERROR db.xml.gz: not gzipped XML"));
	}

	@Test
	public void aFolderWithoutDatabaseIsNoSite() throws Exception {
		assertEquals(
				List.of("ERROR db.xml.gz: missing: " + tmp.getRoot() + " is not an update site"),
				SiteValidator.validate(tmp.getRoot().toPath(), FijiCore.of(Map.of())).errors().stream()
						.map(Object::toString)
						.toList());
	}

	private SiteRecord add(final SiteDatabase db, final String path, final long timestamp, final Path content)
			throws Exception {
		final SiteRecord record = new SiteRecord(path);
		record.publish(path, new SiteRecord.Version(UpdaterChecksum.of(path, content), timestamp, Files.size(content)));
		db.add(record);
		final Path file = site(SiteRecord.siteFile(path, timestamp));
		Files.createDirectories(file.getParent());
		Files.copy(content, file);
		return record;
	}

	private void writeDb(final String xml) throws Exception {
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(site("db.xml.gz")))) {
			out.write(xml.getBytes(StandardCharsets.UTF_8));
		}
	}

	private Path site(final String path) {
		return fixture.site.resolve(path);
	}

	private List<String> errors() throws Exception {
		return fixture.validate().errors().stream().map(Object::toString).toList();
	}
}
