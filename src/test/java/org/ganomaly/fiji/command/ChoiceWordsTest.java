package org.ganomaly.fiji.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ganomaly.fiji.core.choice.ChannelChoice;
import org.ganomaly.fiji.core.choice.ImageOrigin;
import org.ganomaly.fiji.core.choice.IntensityChoice;
import org.ganomaly.fiji.core.choice.MaskOrigin;
import org.ganomaly.fiji.core.choice.SamplingKind;
import org.ganomaly.fiji.core.choice.TruthOrigin;
import org.ganomaly.fiji.core.choice.ValidationOrigin;
import org.ganomaly.fiji.core.choice.Words;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.core.train.EpochSelection;
import org.ganomaly.fiji.image.UnreadableFilePolicy;
import org.junit.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * Every choice key of every command, run through a real SciJava CommandService as scripts and PyImageJ run them (no
 * dialog restricts the words): the words its dialog offers are exactly its vocabulary's, and an unknown word stops
 * the command before any work (no other input is given) with a message naming the key, the word and the allowed
 * words.
 */
public class ChoiceWordsTest {

	/** The devices the dialogs offer; DeviceChoice parses any gpu:N. */
	private static final List<String> DEVICES =
			List.of("auto", "cpu", "gpu", "gpu:1", "gpu:2", "gpu:3", "gpu:4", "gpu:5", "gpu:6", "gpu:7");

	/** Each command's choice keys and the words their vocabularies parse (FijiInstallationTest uses them too). */
	public static final Map<Class<? extends Command>, Map<String, List<String>>> KEYS = Map.of(
			ScoreCommand.class,
			ordered(
					"source", Words.of(ImageOrigin.class),
					"unreadable_files", Words.of(UnreadableFilePolicy.class),
					"batchnorm", Words.of(BatchNormMode.class),
					"threshold_rule", Words.of(ThresholdRule.class),
					"device", DEVICES),
			TrainCommand.class,
			ordered(
					"source", Words.of(ImageOrigin.class),
					"validation", Words.of(ValidationOrigin.class),
					"unreadable_files", Words.of(UnreadableFilePolicy.class),
					"image_size", List.of("16", "32", "64", "128", "256"),
					"channels", Words.of(ChannelChoice.class),
					"sampling", Words.of(SamplingKind.class),
					"intensity", Words.of(IntensityChoice.class),
					"keep_epoch", Words.of(EpochSelection.class),
					"device", DEVICES),
			RocCommand.class,
			ordered("ground_truth", Words.of(TruthOrigin.class), "masks", Words.of(MaskOrigin.class)));

	@Test
	public void theDialogsOfferExactlyTheVocabularies() {
		CommandService commands = Commands.context().service(CommandService.class);
		for (var command : KEYS.entrySet()) {
			CommandInfo info = commands.getCommand(command.getKey());
			Map<String, Set<String>> offered = new TreeMap<>(), parsed = new TreeMap<>();
			for (ModuleItem<?> item : info.inputs())
				if (item.getChoices() != null && !item.getChoices().isEmpty())
					offered.put(
							item.getName(),
							new TreeSet<>(item.getChoices().stream()
									.map(String::valueOf)
									.toList()));
			command.getValue().forEach((key, words) -> parsed.put(key, new TreeSet<>(words)));
			assertEquals(command.getKey().getSimpleName(), parsed, offered);
		}
	}

	@Test
	public void anUnknownWordStopsTheCommandBeforeAnyWork() {
		for (var command : KEYS.entrySet())
			for (String key : command.getValue().keySet()) {
				String message = Commands.fail(command.getKey(), Commands.inputs(key, "bogus"));
				assertNamesTheWord(message, key, command.getValue().get(key));
			}
	}

	@Test
	public void everyUnknownWordIsNamedAtOnce() {
		for (var command : KEYS.entrySet()) {
			Map<String, Object> inputs = new LinkedHashMap<>();
			for (String key : command.getValue().keySet()) inputs.put(key, "bogus-" + key);
			String message = Commands.fail(command.getKey(), inputs);
			for (String key : command.getValue().keySet())
				assertTrue(message, message.contains(", not 'bogus-" + key + "'."));
		}
	}

	@Test
	public void wordsAreReadWithoutRegardToCaseOrBlanks() {
		assertEquals(ThresholdRule.MIN_MAX, Words.parse("threshold_rule", " Min-Max ", ThresholdRule.class));
		assertEquals(
				"source must be image, folder or list, not 'folders'.",
				message(() -> Words.parse("source", "folders", ImageOrigin.class)));
	}

	/** "key must be a, b or c, not 'bogus'." (the device's message says "Device"). */
	static void assertNamesTheWord(String message, String key, List<String> words) {
		if (key.equals("device")) {
			assertTrue(message, message.contains("Device must be auto, cpu, gpu or gpu:N"));
			assertTrue(message, message.contains(", not 'bogus'."));
			return;
		}
		List<String> listed = new ArrayList<>(words);
		String last = listed.remove(listed.size() - 1);
		String expected = key + " must be " + String.join(", ", listed) + " or " + last + ", not 'bogus'.";
		assertTrue(message, message.toLowerCase(Locale.ROOT).contains(expected));
	}

	private static String message(Runnable parse) {
		try {
			parse.run();
		} catch (IllegalArgumentException e) {
			return e.getMessage();
		}
		throw new AssertionError("no error");
	}

	private static Map<String, List<String>> ordered(Object... keysAndWords) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndWords.length; i += 2) {
			@SuppressWarnings("unchecked")
			List<String> words = (List<String>) keysAndWords[i + 1];
			map.put((String) keysAndWords[i], words);
		}
		return map;
	}
}
