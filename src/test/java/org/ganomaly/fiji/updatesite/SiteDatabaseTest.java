package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SiteDatabaseTest {

	private static final String SHA_A = "a".repeat(40);
	private static final String SHA_B = "b".repeat(40);

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void everyFieldSurvivesAWriteAndARead() throws Exception {
		final SiteDatabase db = new SiteDatabase();
		final SiteRecord record = new SiteRecord("plugins/GANomaly_-0.1.0.jar");
		record.publish("plugins/GANomaly_-0.1.0.jar", new SiteRecord.Version(SHA_A, 20261128120000L, 123));
		record.publish("plugins/GANomaly_-0.2.0.jar", new SiteRecord.Version(SHA_B, 20261129093000L, 456));
		record.setDescription("Scores <images> & \"stacks\"\nsecond line");
		record.setAuthors(List.of("Ada", "Alan"));
		record.setLinks(List.of("https://example.org/?a=1&b=2"));
		record.setDependencies(List.of(
				new SiteRecord.Dependency("jars/api-0.36.0.jar", 20261128120000L),
				new SiteRecord.Dependency("jars/ij-1.54p.jar", 0)));
		db.add(record);
		final SiteRecord gone = new SiteRecord("jars/old-1.0.jar");
		gone.publish("jars/old-1.0.jar", new SiteRecord.Version(SHA_A, 20261128120000L, 9));
		gone.obsolete(20261129093000L);
		db.add(gone);
		final Path site = tmp.getRoot().toPath();
		db.save(site);

		final SiteDatabase read = SiteDatabase.load(site);

		assertEquals(db.toXml(), read.toXml());
		final SiteRecord plugin = read.get("plugins/GANomaly_.jar");
		assertEquals("Scores <images> & \"stacks\"\nsecond line", plugin.description());
		assertEquals(
				List.of(new SiteRecord.PreviousVersion(
						"plugins/GANomaly_-0.1.0.jar", 20261128120000L, 20261129093000L, SHA_A)),
				plugin.previousVersions());
		assertNull(read.get("jars/old.jar").current());
	}

	@Test
	public void aPreviousVersionWithoutFilenameHasTheNextNewerName() throws Exception {
		writeDb("<pluginRecords><plugin filename=\"jars/a-3.0.jar\">"
				+ "<version checksum=\"" + SHA_A + "\" timestamp=\"20260301000000\" filesize=\"1\"/>"
				+ "<previous-version timestamp=\"20260101000000\" checksum=\"" + SHA_B + "\"/>"
				+ "<previous-version timestamp=\"20260201000000\" checksum=\"" + SHA_B
				+ "\" filename=\"jars/a-2.0.jar\"/>"
				+ "<previous-version timestamp=\"20260215000000\" checksum=\"" + SHA_B + "\"/>"
				+ "</plugin></pluginRecords>");

		final List<SiteRecord.PreviousVersion> previous =
				SiteDatabase.load(tmp.getRoot().toPath()).get("jars/a.jar").previousVersions();

		assertEquals(
				List.of("jars/a-3.0.jar", "jars/a-2.0.jar", "jars/a-2.0.jar"),
				previous.stream().map(SiteRecord.PreviousVersion::filename).toList());
		assertEquals(
				List.of(20260215000000L, 20260201000000L, 20260101000000L),
				previous.stream().map(SiteRecord.PreviousVersion::timestamp).toList());
	}

	@Test
	public void twoVersionsOfOneFileCannotBeTwoRecords() throws Exception {
		writeDb(
				"<pluginRecords><plugin filename=\"jars/a-1.0.jar\"/><plugin filename=\"jars/a-2.0.jar\"/></pluginRecords>");
		try {
			SiteDatabase.load(tmp.getRoot().toPath());
		} catch (final SiteFormatException e) {
			assertEquals(
					"db.xml.gz: jars/a-2.0.jar and jars/a-1.0.jar are the same file to the updater (jars/a.jar)",
					e.getMessage());
			return;
		}
		throw new AssertionError("no exception");
	}

	@Test
	public void aTimestampThatIsNoNumberIsNamed() throws Exception {
		writeDb("<pluginRecords><plugin filename=\"jars/a-1.0.jar\">" + "<version checksum=\"" + SHA_A
				+ "\" timestamp=\"2026-03-01\" filesize=\"1\"/></plugin></pluginRecords>");
		try {
			SiteDatabase.load(tmp.getRoot().toPath());
		} catch (final SiteFormatException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("jars/a-1.0.jar: <version> timestamp=\"2026-03-01\""));
			return;
		}
		throw new AssertionError("no exception");
	}

	@Test
	public void aFolderWithoutDatabaseHasNoRecords() throws Exception {
		assertTrue(SiteDatabase.load(tmp.getRoot().toPath()).records().isEmpty());
	}

	private void writeDb(final String xml) throws Exception {
		try (OutputStream out = new GZIPOutputStream(
				Files.newOutputStream(tmp.getRoot().toPath().resolve("db.xml.gz")))) {
			out.write(xml.getBytes(StandardCharsets.UTF_8));
		}
	}
}
