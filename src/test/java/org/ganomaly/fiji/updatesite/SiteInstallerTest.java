package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SiteInstallerTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private SiteFixture fixture;
	private Path imagej;

	@Before
	public void setUp() throws Exception {
		fixture = new SiteFixture(tmp.getRoot().toPath());
		imagej = tmp.newFolder("ImageJ").toPath();
	}

	@Test
	public void installsTheCurrentFilesWithoutTimestamps() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		Files.createDirectories(imagej.resolve("jars"));
		Files.writeString(imagej.resolve("jars/api-0.35.0.jar"), "an older DJL");
		Files.writeString(imagej.resolve("jars/unrelated-1.0.jar"), "someone else's");

		final List<String> log = SiteInstaller.install(fixture.site, imagej);

		assertEquals(
				List.of(
						"removed jars/api-0.35.0.jar",
						"installed jars/api-0.36.0.jar",
						"installed macros/GANomaly_Site_Fixture.ijm",
						"installed plugins/GANomaly_-0.1.0.jar"),
				log);
		assertEquals(
				List.of(
						"jars/api-0.36.0.jar",
						"jars/unrelated-1.0.jar",
						"macros/GANomaly_Site_Fixture.ijm",
						"plugins/GANomaly_-0.1.0.jar"),
				files(imagej));
		assertEquals(-1, Files.mismatch(fixture.pluginJar, imagej.resolve("plugins/GANomaly_-0.1.0.jar")));
		assertEquals(-1, Files.mismatch(fixture.macro, imagej.resolve("macros/GANomaly_Site_Fixture.ijm")));
	}

	@Test
	public void updatesAnInstallationToTheSitesNewState() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		SiteInstaller.install(fixture.site, imagej);
		fixture.pluginJar = fixture.plugin("0.2.0", "bytecode v2");
		fixture.shipsDjlApi = false;
		fixture.buildAt("2026-11-29T09:30:00");

		SiteInstaller.install(fixture.site, imagej);

		assertEquals(List.of("macros/GANomaly_Site_Fixture.ijm", "plugins/GANomaly_-0.2.0.jar"), files(imagej));
	}

	@Test
	public void refusesACorruptSite() throws Exception {
		fixture.buildAt("2026-11-28T12:00:00");
		Files.writeString(fixture.site.resolve("macros/GANomaly_Site_Fixture.ijm-20261128120000"), "print('x');\n");
		try {
			SiteInstaller.install(fixture.site, imagej);
		} catch (final IOException e) {
			assertTrue(
					e.getMessage(),
					e.getMessage().startsWith("macros/GANomaly_Site_Fixture.ijm-20261128120000: checksum "));
			assertFalse(Files.exists(imagej.resolve("macros/GANomaly_Site_Fixture.ijm")));
			return;
		}
		throw new AssertionError("a corrupt file was installed");
	}

	@Test(expected = IOException.class)
	public void refusesAFolderThatIsNoSite() throws Exception {
		SiteInstaller.install(tmp.newFolder("empty").toPath(), imagej);
	}

	private static List<String> files(final Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile)
					.map(f -> dir.relativize(f).toString())
					.sorted()
					.toList();
		}
	}
}
