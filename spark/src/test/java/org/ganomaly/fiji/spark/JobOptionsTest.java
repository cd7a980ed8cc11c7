package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.image.UnreadableFilePolicy;
import org.junit.Test;

/**
 * The job's choice options read with the commands' vocabularies (--device takes what the commands take: auto, cpu,
 * gpu and gpu:N); an unknown word stops the job before Spark starts.
 */
public class JobOptionsTest {

	/** Each choice option and the message's list of its words. */
	private static final Map<String, String> CHOICES = Map.of(
			"--format", "--format must be parquet or csv",
			"--unreadable-files", "--unreadable-files must be skip or stop",
			"--threshold-rule", "--threshold-rule must be model, model-latent, latent or min-max",
			"--device", "--device: Device must be auto, cpu, gpu or gpu:N (N the GPU's index, from 0)");

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
		assertEquals("auto", options.device());
	}

	@Test
	public void devicesAsTheCommandsTakeThem() {
		assertEquals("cpu", parse().device());
		assertEquals("gpu:1", parse("--device", "gpu:1").device());
		assertEquals("gpu", parse("--device", " GPU ").device());
		assertEquals("auto", parse("--device", "auto").device());
	}

	@Test
	public void aBadDeviceNamesTheOptionAndTheSyntax() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--device", "gpu:one"));
		assertTrue(e.getMessage(), e.getMessage().startsWith("--device: Device must be auto, cpu, gpu or gpu:N"));
		assertTrue(e.getMessage(), e.getMessage().contains("'gpu:one'"));
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
