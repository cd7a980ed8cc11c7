package org.ganomaly.fiji.updatesite;

/**
 * Which runtime dependencies the site ships in {@code jars/}: every jar Maven
 * resolves for the compile and runtime scopes, except those Fiji already ships
 * (managed by its bill of materials) and those the site's metadata excludes.
 */
public final class ShippingRule {

	public enum Verdict {
		/** Goes on the site in {@code jars/}. */
		SHIP,
		/** Fiji has it: the plugin depends on Fiji's copy. */
		IN_FIJI,
		/** Excluded by the site metadata's {@code exclude} list. */
		EXCLUDED,
		/** Not needed at run time (test, provided or system scope, or not a jar). */
		NOT_AT_RUN_TIME
	}

	public record Decision(RuntimeArtifact artifact, Verdict verdict, String reason) {

		@Override
		public String toString() {
			return artifact.key() + ":" + artifact.version() + " -> " + verdict + " (" + reason + ")";
		}
	}

	private final FijiCore fiji;
	private final SiteMetadata metadata;

	public ShippingRule(final FijiCore fiji, final SiteMetadata metadata) {
		this.fiji = fiji;
		this.metadata = metadata;
	}

	public Decision decide(final RuntimeArtifact a) {
		if (!a.scope().equals("compile") && !a.scope().equals("runtime")) {
			return new Decision(a, Verdict.NOT_AT_RUN_TIME, a.scope() + " scope");
		}
		if (!a.type().equals("jar")) return new Decision(a, Verdict.NOT_AT_RUN_TIME, "type " + a.type());
		if (metadata.excludes(a)) return new Decision(a, Verdict.EXCLUDED, "listed under exclude in the site metadata");
		if (fiji.ships(a.groupId(), a.artifactId())) {
			final String fijiVersion = fiji.version(a.groupId(), a.artifactId()).orElse("?");
			return new Decision(
					a,
					Verdict.IN_FIJI,
					"managed by pom-scijava at " + fijiVersion
							+ (fijiVersion.equals(a.version())
									? ""
									: "; WARNING: the build uses " + a.version() + ", Fiji users will run with "
											+ fijiVersion));
		}
		return new Decision(a, Verdict.SHIP, "not in Fiji's bill of materials");
	}
}
