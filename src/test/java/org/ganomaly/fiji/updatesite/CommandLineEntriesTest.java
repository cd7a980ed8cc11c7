package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The tools as the scripts call them: from files Maven writes, to exit codes. */
public class CommandLineEntriesTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private SiteFixture fixture;
	private Path bom;
	private Path dependencyList;
	private Path macros;
	private final ByteArrayOutputStream output = new ByteArrayOutputStream();
	private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

	@Before
	public void writeMavenOutputs() throws Exception {
		fixture = new SiteFixture(tmp.getRoot().toPath());
		bom = tmp.getRoot().toPath().resolve("pom-scijava-41.0.0.pom");
		Files.writeString(bom, """
			<project>
			<properties><gson.version>2.10.1</gson.version></properties>
			<dependencyManagement><dependencies>
				<dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId>
				<version>${gson.version}</version></dependency>
			</dependencies></dependencyManagement>
			</project>
			""");
		dependencyList = tmp.getRoot().toPath().resolve("runtime-dependencies.txt");
		Files.writeString(
				dependencyList,
				"\nThe following files have been resolved:\n"
						+ "   ai.djl:api:jar:0.36.0:compile:" + fixture.djlApi + " -- module ai.djl.api [auto]\n"
						+ "   com.google.code.gson:gson:jar:2.10.1:compile:" + fixture.gson
						+ " -- module com.google.gson\n");
		macros = Files.createDirectories(tmp.getRoot().toPath().resolve("macros"));
		Files.copy(fixture.macro, macros.resolve("Score_Example.ijm"));
		Files.writeString(macros.resolve("notes.md"), "not a macro");
	}

	@Test
	public void buildValidateAndInstall() throws Exception {
		assertEquals(
				0,
				SiteBuilder.run(
						new String[] {
							"--site",
							fixture.site.toString(),
							"--plugin",
							fixture.pluginJar.toString(),
							"--dependencies",
							dependencyList.toString(),
							"--fiji-bom",
							bom.toString(),
							"--macros",
							macros.toString()
						},
						out));
		assertTrue(text(), text().contains("ai.djl:api:0.36.0 -> SHIP (not in Fiji's bill of materials)"));
		assertTrue(
				text(),
				text().contains("com.google.code.gson:gson:2.10.1 -> IN_FIJI (managed by pom-scijava at 2.10.1)"));
		assertTrue(text(), text().contains("added macros/Score_Example.ijm-"));

		output.reset();
		assertEquals(0, SiteValidator.run(new String[] {fixture.site.toString(), "--fiji-bom", bom.toString()}, out));
		assertEquals(fixture.site + ": valid (0 errors, 0 warnings)\n", text());

		output.reset();
		final Path imagej = tmp.newFolder("ImageJ").toPath();
		assertEquals(0, SiteInstaller.run(new String[] {fixture.site.toString(), imagej.toString()}, out));
		assertTrue(Files.exists(imagej.resolve("macros/Score_Example.ijm")));
	}

	@Test
	public void theValidatorExitsWithOneOnAnInvalidSite() throws Exception {
		SiteBuilder.run(
				new String[] {
					"--site",
					fixture.site.toString(),
					"--plugin",
					fixture.pluginJar.toString(),
					"--dependencies",
					dependencyList.toString(),
					"--fiji-bom",
					bom.toString()
				},
				out);
		output.reset();

		assertEquals(
				"without the bill of materials gson is missing",
				1,
				SiteValidator.run(new String[] {fixture.site.toString()}, out));
		assertTrue(
				text(),
				text().startsWith("ERROR plugins/GANomaly_-0.1.0.jar: depends on jars/gson-2.10.1.jar, "
						+ "which is neither on this site nor in Fiji's core (pom-scijava)\n"));
	}

	@Test
	public void badArgumentsExitWithTwo() throws Exception {
		assertEquals(2, SiteValidator.run(new String[0], out));
		assertEquals(2, SiteBuilder.run(new String[] {"--site", "x"}, out));
		assertEquals(2, SiteInstaller.run(new String[] {"only-one"}, out));
		assertTrue(text(), text().contains("Usage: SiteBuilder --site DIR"));
	}

	private String text() {
		return output.toString(StandardCharsets.UTF_8);
	}
}
