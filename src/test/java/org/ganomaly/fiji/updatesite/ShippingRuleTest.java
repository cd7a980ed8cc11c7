package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

public class ShippingRuleTest {

	private final ShippingRule rule =
			new ShippingRule(FijiCore.of(Map.of("net.java.dev.jna:jna", "5.14.0")), SiteMetadata.empty());

	@Test
	public void shipsWhatFijiLacks() {
		assertEquals(
				ShippingRule.Verdict.SHIP,
				rule.decide(artifact("ai.djl", "api", "0.36.0", "compile")).verdict());
		assertEquals(
				ShippingRule.Verdict.SHIP,
				rule.decide(artifact("ai.djl.pytorch", "pytorch-jni", "2.7.1-0.36.0", "runtime"))
						.verdict());
	}

	@Test
	public void neverShipsWhatIsNotNeededAtRunTime() {
		assertEquals(
				ShippingRule.Verdict.NOT_AT_RUN_TIME,
				rule.decide(artifact("ai.djl.pytorch", "pytorch-native-cpu", "2.7.1", "test"))
						.verdict());
		assertEquals(
				ShippingRule.Verdict.NOT_AT_RUN_TIME,
				rule.decide(artifact("x", "y", "1", "provided")).verdict());
	}

	@Test
	public void warnsWhenTheBuildUsesAnotherVersionThanFiji() {
		final ShippingRule.Decision decision = rule.decide(artifact("net.java.dev.jna", "jna", "5.15.0", "compile"));
		assertEquals(ShippingRule.Verdict.IN_FIJI, decision.verdict());
		assertEquals(
				"managed by pom-scijava at 5.14.0; WARNING: the build uses 5.15.0, Fiji users will run with 5.14.0",
				decision.reason());
	}

	private static RuntimeArtifact artifact(final String g, final String a, final String v, final String scope) {
		return new RuntimeArtifact(g, a, "jar", "", v, scope, Path.of("/m2/" + a + "-" + v + ".jar"));
	}
}
