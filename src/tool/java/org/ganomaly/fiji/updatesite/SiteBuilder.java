package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds or updates a local Fiji update site: the plugin jar in
 * {@code plugins/}, the macros in {@code macros/}, the runtime dependencies
 * Fiji lacks in {@code jars/}, each stored as {@code <path>-<timestamp>}, and
 * {@code db.xml.gz} describing them.
 * <p>
 * As on a real site, nothing is ever deleted: a changed file gets a new
 * timestamp and its old version becomes a {@code previous-version}; an
 * unchanged file (same updater checksum) keeps its record and timestamp; a file
 * the build no longer has becomes obsolete.
 * </p>
 */
public final class SiteBuilder {

	/**
	 * What goes on the site.
	 *
	 * @param pluginJar the plugin, named as ImageJ needs it (with an underscore)
	 * @param runtimeDependencies Maven's runtime dependency list
	 * @param macros macro files for {@code macros/}
	 */
	public record Inputs(
			Path pluginJar,
			List<RuntimeArtifact> runtimeDependencies,
			List<Path> macros,
			FijiCore fijiCore,
			SiteMetadata metadata) {}

	/** What a build did, one line per file or decision. */
	public record Report(List<String> files, List<ShippingRule.Decision> dependencies) {

		@Override
		public String toString() {
			final StringBuilder text = new StringBuilder("Runtime dependencies:\n");
			dependencies.forEach(d -> text.append("  ").append(d).append('\n'));
			text.append("Site files:\n");
			files.forEach(f -> text.append("  ").append(f).append('\n'));
			return text.toString();
		}
	}

	private final Clock clock;

	public SiteBuilder(final Clock clock) {
		this.clock = clock;
	}

	public Report build(final Inputs inputs, final Path siteDir) throws IOException {
		final String pluginName = inputs.pluginJar().getFileName().toString();
		if (!pluginName.contains("_")) {
			throw new IllegalArgumentException(pluginName + ": ImageJ only loads plugin jars with '_' in their name");
		}
		final SiteDatabase db = SiteDatabase.load(siteDir);
		final Publication publication = new Publication(db, siteDir, inputs.metadata(), newTimestamp(db));

		final ShippingRule rule = new ShippingRule(inputs.fijiCore(), inputs.metadata());
		final List<ShippingRule.Decision> decisions =
				inputs.runtimeDependencies().stream().map(rule::decide).toList();
		final List<SiteRecord.Dependency> pluginNeeds = new ArrayList<>();
		for (final ShippingRule.Decision decision : decisions) {
			final String jarPath = "jars/" + decision.artifact().file().getFileName();
			switch (decision.verdict()) {
				case SHIP ->
					pluginNeeds.add(
							publication.publish(jarPath, decision.artifact().file(), List.of()));
				case IN_FIJI -> pluginNeeds.add(new SiteRecord.Dependency(jarPath, 0));
				default -> {
					/* neither shipped nor needed from Fiji */
				}
			}
		}
		final SiteRecord.Dependency plugin =
				publication.publish("plugins/" + pluginName, inputs.pluginJar(), pluginNeeds);
		for (final Path macro : inputs.macros()) {
			publication.publish("macros/" + macro.getFileName(), macro, List.of(plugin));
		}
		publication.obsoleteTheRest();
		db.save(siteDir);
		return new Report(publication.log, decisions);
	}

	/**
	 * {@code SiteBuilder --site DIR --plugin JAR --dependencies LIST --fiji-bom POM
	 * [--metadata PROPERTIES] [--macros DIR]}: LIST is written by
	 * {@code mvn dependency:list -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true
	 * -DoutputFile=LIST}; every {@code *.ijm} of the macros folder goes on the site.
	 */
	public static void main(final String[] args) throws IOException {
		System.exit(run(args, System.out));
	}

	/** The command line; returns the exit status. */
	static int run(final String[] args, final PrintStream out) throws IOException {
		final CommandLine line;
		try {
			line = CommandLine.parse(
					args,
					0,
					List.of("--site", "--plugin", "--dependencies", "--fiji-bom"),
					List.of("--metadata", "--macros"));
		} catch (final IllegalArgumentException e) {
			return CommandLine.usage(
					out,
					e,
					"SiteBuilder --site DIR --plugin JAR --dependencies LIST "
							+ "--fiji-bom POM [--metadata PROPERTIES] [--macros DIR]");
		}
		final Map<String, String> options = line.options();
		final String metadata = options.get("--metadata");
		final Inputs inputs = new Inputs(
				Path.of(options.get("--plugin")),
				RuntimeArtifact.readDependencyList(Path.of(options.get("--dependencies"))),
				macros(options.get("--macros")),
				FijiCore.fromBom(Path.of(options.get("--fiji-bom"))),
				metadata == null ? SiteMetadata.empty() : SiteMetadata.load(Path.of(metadata)));
		final Path siteDir = Path.of(options.get("--site"));
		out.print(new SiteBuilder(Clock.systemDefaultZone()).build(inputs, siteDir));
		out.println("Site written to " + siteDir.toAbsolutePath());
		return 0;
	}

	private static List<Path> macros(final String folder) throws IOException {
		if (folder == null || !Files.isDirectory(Path.of(folder))) return List.of();
		try (Stream<Path> files = Files.list(Path.of(folder))) {
			return files.filter(f -> f.getFileName().toString().endsWith(".ijm"))
					.sorted()
					.toList();
		}
	}

	/** Now, or one second after the newest timestamp on the site if the clock is behind it. */
	private long newTimestamp(final SiteDatabase db) {
		final long now = Timestamps.of(LocalDateTime.now(clock).withNano(0));
		final long newest = db.records().stream()
				.flatMap(SiteBuilder::timestamps)
				.mapToLong(Long::longValue)
				.max()
				.orElse(0);
		return now > newest ? now : Timestamps.next(newest);
	}

	private static Stream<Long> timestamps(final SiteRecord record) {
		final Stream<Long> current = record.isObsolete()
				? Stream.empty()
				: Stream.of(record.current().timestamp());
		return Stream.concat(
				current,
				record.previousVersions().stream().flatMap(p -> Stream.of(p.timestamp(), p.timestampObsolete())));
	}

	/** Puts files on the site under one timestamp and remembers which records the build still has. */
	private static final class Publication {

		private final SiteDatabase db;
		private final Path siteDir;
		private final SiteMetadata metadata;
		private final long timestamp;
		private final Set<SiteRecord> published = new HashSet<>();
		private final List<String> log = new ArrayList<>();

		Publication(final SiteDatabase db, final Path siteDir, final SiteMetadata metadata, final long timestamp) {
			this.db = db;
			this.siteDir = siteDir;
			this.metadata = metadata;
			this.timestamp = timestamp;
		}

		/** @return a dependency on the file's current version */
		SiteRecord.Dependency publish(final String sitePath, final Path source, final List<SiteRecord.Dependency> needs)
				throws IOException {
			final String checksum = UpdaterChecksum.of(sitePath, source);
			SiteRecord record = db.get(sitePath);
			if (record == null) {
				record = new SiteRecord(sitePath);
				db.add(record);
			}
			if (!published.add(record)) throw new IllegalArgumentException(sitePath + " is on the site twice");
			final SiteRecord.Version current = record.current();
			if (current != null
					&& current.checksum().equals(checksum)
					&& record.filename().equals(sitePath)) {
				log.add("unchanged " + record.currentSiteFile());
			} else {
				final String what =
						current == null ? (record.previousVersions().isEmpty() ? "added " : "restored ") : "updated ";
				record.publish(sitePath, new SiteRecord.Version(checksum, timestamp, Files.size(source)));
				final Path target = siteDir.resolve(record.currentSiteFile());
				Files.createDirectories(target.getParent());
				Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				log.add(what + record.currentSiteFile());
			}
			final String name = record.unversionedName();
			record.setDescription(metadata.description(name));
			record.setAuthors(metadata.authors(name));
			record.setLinks(metadata.links(name));
			record.setDependencies(needs);
			return new SiteRecord.Dependency(record.filename(), record.current().timestamp());
		}

		void obsoleteTheRest() {
			for (final SiteRecord record : db.records()) {
				if (record.isObsolete() || published.contains(record)) continue;
				record.obsolete(timestamp);
				log.add("obsoleted " + record.filename() + " (its files stay on the site)");
			}
		}
	}
}
