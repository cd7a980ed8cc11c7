package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SiteBuilderTest {

	private static final long T1 = 20261128120000L;
	private static final long T2 = 20261129093000L;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private SiteFixture fixture;

	@Before
	public void setUp() throws Exception {
		fixture = new SiteFixture(tmp.getRoot().toPath());
	}

	@Test
	public void aFirstBuildLaysOutACompleteValidSite() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");

		assertEquals(
				List.of(
						"db.xml.gz",
						"jars/api-0.36.0.jar-" + T1,
						"macros/GANomaly_Site_Fixture.ijm-" + T1,
						"plugins/GANomaly_-0.1.0.jar-" + T1),
				siteFiles());
		final SiteRecord plugin = fixture.db().get("plugins/GANomaly_-0.1.0.jar");
		assertEquals(
				new SiteRecord.Version(
						UpdaterChecksum.of("plugins/GANomaly_-0.1.0.jar", fixture.pluginJar),
						T1,
						Files.size(fixture.pluginJar)),
				plugin.current());
		assertEquals("Anomaly detection with GANomaly", plugin.description());
		assertEquals(List.of("Ada Lovelace", "Alan Turing"), plugin.authors());
		assertEquals(List.of("https://example.org/ganomaly"), plugin.links());
		assertEquals(
				"the shipped jar with its timestamp, Fiji's gson without; never the native jar",
				List.of(
						new SiteRecord.Dependency("jars/api-0.36.0.jar", T1),
						new SiteRecord.Dependency("jars/gson-2.10.1.jar", 0)),
				plugin.dependencies());
		final SiteRecord macro = fixture.db().get("macros/GANomaly_Site_Fixture.ijm");
		assertEquals(List.of(new SiteRecord.Dependency("plugins/GANomaly_-0.1.0.jar", T1)), macro.dependencies());
		assertEquals("folder-wide metadata", List.of("GANomaly for Fiji developers"), macro.authors());

		final String xml = fixture.dbXml();
		assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pluginRecords [\n"));
		assertTrue(xml.contains("<plugin filename=\"jars/api-0.36.0.jar\">"));
		assertFalse("a remote database lists no update sites", xml.contains("<update-site"));
		assertClean(fixture.validate());
	}

	@Test
	public void aRebuildWithUnchangedContentKeepsRecordsAndTimestamps() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		final String before = fixture.dbXml();
		// Maven rebuilt the jars: new entry times, same content.
		FixtureJars.jar()
				.entryTime(Instant.parse("2026-11-29T09:00:00Z"))
				.entry("plugins.config", SiteFixture.PLUGINS_CONFIG)
				.entry("org/ganomaly/fiji/ScoreStack.class", "bytecode v1")
				.builtBy("ci")
				.writeTo(fixture.pluginJar);

		final SiteBuilder.Report report = fixture.buildAt("2026-11-29T09:30:00");

		assertEquals(before, fixture.dbXml());
		assertTrue(report.files().stream().allMatch(line -> line.startsWith("unchanged ")));
		assertTrue("the previous database is kept", Files.exists(fixture.site.resolve("db.xml.gz.old")));
		assertEquals(5, siteFiles().size());
	}

	@Test
	public void aChangedJarGetsANewVersionAndKeepsTheOldOne() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		final String oldChecksum =
				fixture.db().get("plugins/GANomaly_.jar").current().checksum();
		fixture.pluginJar = fixture.plugin("0.1.0", "bytecode v2");

		fixture.buildAt("2026-11-29T09:30:00");

		final SiteRecord plugin = fixture.db().get("plugins/GANomaly_.jar");
		assertEquals(T2, plugin.current().timestamp());
		assertEquals(
				List.of(new SiteRecord.PreviousVersion("plugins/GANomaly_-0.1.0.jar", T1, T2, oldChecksum)),
				plugin.previousVersions());
		assertTrue(Files.exists(fixture.site.resolve("plugins/GANomaly_-0.1.0.jar-" + T1)));
		assertTrue(Files.exists(fixture.site.resolve("plugins/GANomaly_-0.1.0.jar-" + T2)));
		assertEquals(
				"the unchanged dependency keeps its version",
				T1,
				fixture.db().get("jars/api.jar").current().timestamp());
		assertEquals(
				"the macro now needs the new plugin version",
				List.of(new SiteRecord.Dependency("plugins/GANomaly_-0.1.0.jar", T2)),
				fixture.db().get("macros/GANomaly_Site_Fixture.ijm").dependencies());
		assertClean(fixture.validate());
	}

	@Test
	public void aNewReleaseReplacesTheVersionedName() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		fixture.pluginJar = fixture.plugin("0.2.0", "bytecode v2");

		fixture.buildAt("2026-11-29T09:30:00");

		final List<SiteRecord> plugins = fixture.db().records().stream()
				.filter(r -> r.filename().startsWith("plugins/"))
				.toList();
		assertEquals("one record: the updater sees one file in two versions", 1, plugins.size());
		assertEquals("plugins/GANomaly_-0.2.0.jar", plugins.get(0).filename());
		assertEquals(
				"plugins/GANomaly_-0.1.0.jar",
				plugins.get(0).previousVersions().get(0).filename());
		assertTrue(Files.exists(fixture.site.resolve("plugins/GANomaly_-0.1.0.jar-" + T1)));
		assertTrue(Files.exists(fixture.site.resolve("plugins/GANomaly_-0.2.0.jar-" + T2)));
		assertClean(fixture.validate());
	}

	@Test
	public void aDependencyTheBuildNoLongerHasBecomesObsolete() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		fixture.shipsDjlApi = false;

		final SiteBuilder.Report report = fixture.buildAt("2026-11-29T09:30:00");

		final SiteRecord api = fixture.db().get("jars/api.jar");
		assertNull(api.current());
		assertEquals(T2, api.previousVersions().get(0).timestampObsolete());
		assertTrue(report.files().contains("obsoleted jars/api-0.36.0.jar (its files stay on the site)"));
		assertTrue(Files.exists(fixture.site.resolve("jars/api-0.36.0.jar-" + T1)));
		assertEquals(
				List.of(new SiteRecord.Dependency("jars/gson-2.10.1.jar", 0)),
				fixture.db().get("plugins/GANomaly_.jar").dependencies());
		assertClean(fixture.validate());
		assertTrue(fixture.dbXml().contains("<plugin filename=\"jars/api-0.36.0.jar\">\n        <previous-version"));
	}

	@Test
	public void timestampsIncreaseEvenIfTheClockIsBehindTheSite() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		fixture.pluginJar = fixture.plugin("0.1.0", "bytecode v2");

		fixture.buildAt("2026-11-28T11:00:00");

		assertEquals(
				20261128120001L,
				fixture.db().get("plugins/GANomaly_.jar").current().timestamp());
		assertClean(fixture.validate());
	}

	@Test(expected = IllegalArgumentException.class)
	public void aPluginJarWithoutUnderscoreIsRefused() throws Exception {
		fixture.pluginJar = FixtureJars.jar()
				.entry("plugins.config", SiteFixture.PLUGINS_CONFIG)
				.writeTo(tmp.getRoot().toPath().resolve("build/GANomaly-0.1.0.jar"));
		fixture.buildAt("2026-11-28T12:00:00");
	}

	@Test
	public void theShippingDecisionsAreReported() throws Exception {
		final SiteBuilder.Report report = fixture.buildAt("2026-11-28T12:00:00");
		assertEquals(
				List.of(ShippingRule.Verdict.SHIP, ShippingRule.Verdict.IN_FIJI, ShippingRule.Verdict.NOT_AT_RUN_TIME),
				report.dependencies().stream()
						.map(ShippingRule.Decision::verdict)
						.toList());
	}

	private void assertClean(final SiteValidator.Result result) {
		assertEquals(
				"",
				String.join(
						"\n", result.findings().stream().map(Object::toString).toList()));
	}

	private List<String> siteFiles() throws Exception {
		try (Stream<Path> files = Files.walk(fixture.site)) {
			return files.filter(Files::isRegularFile)
					.map(f -> fixture.site.relativize(f).toString())
					.sorted()
					.toList();
		}
	}
}
