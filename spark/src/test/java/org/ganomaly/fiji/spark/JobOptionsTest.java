package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.image.UnreadableFilePolicy;
import org.junit.Test;

/** The job's choice options read with the commands' vocabularies; an unknown word stops the job before Spark starts. */
public class JobOptionsTest {

	/** Each choice option and the message's list of its words. */
	private static final Map<String, String> CHOICES = Map.of(
			"--format", "--format must be parquet or csv",
			"--unreadable-files", "--unreadable-files must be skip or stop",
			"--threshold-rule", "--threshold-rule must be model, latent or min-max",
			"--device", "--device: Device must be auto, cpu or gpu");

	@Test
	public void everyChoiceOptionRefusesAnUnknownWord() {
		for (var choice : CHOICES.entrySet())
			assertEquals(choice.getValue() + ", not 'bogus'.", refusal(choice.getKey(), "bogus"));
	}

	@Test
	public void everyUnknownWordIsNamedAtOnce() {
		List<String> args = new ArrayList<>();
		for (String option : CHOICES.keySet()) args.addAll(List.of(option, "bogus" + option));
		String message = refusal(args.toArray(String[]::new));
		for (String option : CHOICES.keySet()) assertTrue(message, message.contains(", not 'bogus" + option + "'."));
	}

	@Test
	public void theWordsAreTheCommands() {
		JobOptions options = parse(
				"--format", "CSV", "--unreadable-files", "stop", "--threshold-rule", "min-max", "--device", "auto");
		assertEquals(OutputFormat.CSV, options.format());
		assertEquals(UnreadableFilePolicy.STOP, options.unreadableFiles());
		assertEquals(ThresholdRule.MIN_MAX, options.rule());
		assertEquals(DeviceChoice.AUTO, options.device());
	}

	private static String refusal(String... more) {
		try {
			parse(more);
		} catch (IllegalArgumentException e) {
			return e.getMessage();
		}
		fail("refused: " + Arrays.toString(more));
		return null;
	}

	private static JobOptions parse(String... more) {
		List<String> args =
				new ArrayList<>(List.of("score", "--model", "m.ganomaly", "--input", "in", "--output", "out"));
		args.addAll(Arrays.asList(more));
		return JobOptions.parse(args.toArray(String[]::new));
	}
}
