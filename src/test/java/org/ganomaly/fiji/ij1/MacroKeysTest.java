package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import ij.Macro;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ganomaly.fiji.command.ExportCommand;
import org.ganomaly.fiji.command.InstallEngineCommand;
import org.ganomaly.fiji.command.RocCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * The macro keys of every command: exactly the documented ones, and each read back by ImageJ's own option parser as
 * its own value, although ImageJ also matches a key as the suffix of a longer key after a non-letter.
 */
public class MacroKeysTest {

	private static Context context;

	@BeforeClass
	public static void createContext() {
		context = new Context(CommandService.class);
	}

	@AfterClass
	public static void disposeContext() {
		context.dispose();
	}

	@Test
	public void trainKeys() {
		assertKeys(
				TrainCommand.class,
				"source",
				"training",
				"training_folder",
				"validation",
				"validation_fraction",
				"validation_image",
				"validation_folder",
				"unreadable_files",
				"image_size",
				"channels",
				"sampling",
				"tile_stride",
				"intensity",
				"intensity_min",
				"intensity_max",
				"nz",
				"nf",
				"extra_layers",
				"epochs",
				"batch_size",
				"learning_rate",
				"beta1",
				"beta2",
				"adversarial_weight",
				"contextual_weight",
				"encoder_weight",
				"seed",
				"precise_bn_batches",
				"averaging_half_life",
				"keep_epoch",
				"threshold_quantile",
				"map_smoothing",
				"device",
				"model",
				"overwrite",
				"scoring_only",
				"export_onnx",
				"losses_csv",
				"continue_from");
	}

	@Test
	public void scoreKeys() {
		assertKeys(
				ScoreCommand.class,
				"source",
				"input",
				"input_folder",
				"unreadable_files",
				"model",
				"batchnorm",
				"batch_size",
				"threshold_rule",
				"threshold",
				"reconstructions",
				"anomaly_maps",
				"calibrated_maps",
				"pixel_quantile",
				"min_region_area",
				"region_masks",
				"region_rois",
				"overlays",
				"heat_map",
				"heat_map_folder",
				"csv",
				"stacks_folder",
				"device",
				"half_precision");
	}

	@Test
	public void rocKeys() {
		assertKeys(
				RocCommand.class,
				"table",
				"score_column",
				"ground_truth",
				"abnormal_pattern",
				"label_column",
				"truth_column",
				"min_max",
				"output_folder",
				"masks",
				"anomaly_maps",
				"mask_image",
				"mask_folder");
	}

	@Test
	public void exportKeys() {
		assertKeys(ExportCommand.class, "model", "output_folder", "overwrite");
	}

	@Test
	public void installKeys() {
		assertKeys(InstallEngineCommand.class, "download_site");
	}

	private static void assertKeys(Class<? extends Command> command, String... expected) {
		CommandInfo info = context.service(CommandService.class).getCommand(command);
		List<String> keys = new ArrayList<>();
		List<String> flags = new ArrayList<>();
		for (ModuleItem<?> input : info.inputs()) {
			if (!CommandDialog.isParameter(input)) continue;
			keys.add(CommandDialog.key(input));
			if (input.getType() == boolean.class) flags.add(CommandDialog.key(input));
		}
		assertEquals(List.of(expected), keys);

		StringBuilder options = new StringBuilder();
		for (String key : keys)
			if (!flags.contains(key))
				options.append(key).append("=[value of ").append(key).append("] ");
		for (String key : keys)
			if (!flags.contains(key))
				assertEquals(key, "value of " + key, Macro.getValue(options.toString(), key, null));
		// A checkbox is on when its key stands alone, after a non-letter and before a space.
		for (String flag : flags)
			assertFalse(
					flag + " is found in the other options",
					Pattern.compile("(^|[^a-zA-Z])" + flag + " ")
							.matcher(options)
							.find());
	}
}
