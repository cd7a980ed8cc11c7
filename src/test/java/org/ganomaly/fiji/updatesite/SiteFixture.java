package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A small project to build sites from: a plugin jar, a dependency Fiji lacks
 * (shipped), one Fiji has (not shipped), a test-scope native jar (never
 * shipped), a macro and metadata. Every jar is made by the test.
 */
final class SiteFixture {

	static final String PLUGINS_CONFIG = "Plugins>GANomaly, \"Score Stack\", org.ganomaly.fiji.ScoreStack(\"\")\n";

	final Path root;
	final Path site;
	Path pluginJar;
	final Path djlApi;
	final Path gson;
	final Path nativeJar;
	final Path macro;
	final FijiCore fiji = FijiCore.of(Map.of("com.google.code.gson:gson", "2.10.1"));
	final SiteMetadata metadata;
	boolean shipsDjlApi = true;

	SiteFixture(final Path root) throws IOException, URISyntaxException {
		this.root = root;
		site = root.resolve("site");
		pluginJar = plugin("0.1.0", "bytecode v1");
		djlApi = FixtureJars.jar().entry("ai/djl/Model.class", "djl").writeTo(root.resolve("m2/api-0.36.0.jar"));
		gson = FixtureJars.jar()
				.entry("com/google/gson/Gson.class", "gson")
				.writeTo(root.resolve("m2/gson-2.10.1.jar"));
		nativeJar = FixtureJars.jar()
				.entry("native/lib/libtorch.so", "elf")
				.writeTo(root.resolve("m2/pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
		macro = Path.of(
				SiteFixture.class.getResource("GANomaly_Site_Fixture.ijm").toURI());
		final Path properties = root.resolve("site.properties");
		Files.writeString(
				properties,
				String.join(
						"\n",
						"plugins/GANomaly_.jar.description=Anomaly detection with GANomaly",
						"plugins/GANomaly_.jar.authors=Ada Lovelace; Alan Turing",
						"plugins/GANomaly_.jar.links=https://example.org/ganomaly",
						"jars/api.jar.description=Deep Java Library API",
						"macros/*.authors=GANomaly for Fiji developers",
						"exclude=ai.djl.pytorch:pytorch-native-*",
						""));
		metadata = SiteMetadata.load(properties);
	}

	/** Writes {@code build/GANomaly_-<version>.jar} with the given class content. */
	Path plugin(final String version, final String classContent) throws IOException {
		return FixtureJars.jar()
				.entry("plugins.config", PLUGINS_CONFIG)
				.entry("org/ganomaly/fiji/ScoreStack.class", classContent)
				.writeTo(root.resolve("build/GANomaly_-" + version + ".jar"));
	}

	List<RuntimeArtifact> dependencies() {
		final List<RuntimeArtifact> list = new ArrayList<>();
		if (shipsDjlApi) list.add(new RuntimeArtifact("ai.djl", "api", "jar", "", "0.36.0", "compile", djlApi));
		list.add(new RuntimeArtifact("com.google.code.gson", "gson", "jar", "", "2.10.1", "compile", gson));
		list.add(new RuntimeArtifact(
				"ai.djl.pytorch", "pytorch-native-cpu", "jar", "linux-x86_64", "2.7.1", "test", nativeJar));
		return list;
	}

	/** Builds the site as if the clock showed {@code time} (UTC). */
	SiteBuilder.Report buildAt(final String time) throws IOException {
		final Clock clock = Clock.fixed(LocalDateTime.parse(time).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
		final SiteBuilder.Inputs inputs =
				new SiteBuilder.Inputs(pluginJar, dependencies(), List.of(macro), fiji, metadata);
		return new SiteBuilder(clock).build(inputs, site);
	}

	SiteDatabase db() throws IOException {
		return SiteDatabase.load(site);
	}

	SiteValidator.Result validate() throws IOException {
		return SiteValidator.validate(site, fiji);
	}

	String dbXml() throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(site.resolve(SiteDatabase.FILE_NAME)))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
