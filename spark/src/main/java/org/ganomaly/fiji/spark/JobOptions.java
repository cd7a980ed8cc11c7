package org.ganomaly.fiji.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ganomaly.fiji.core.choice.ChoiceCheck;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

/**
 * The command line of {@code score}: what to score, with which model, where to, and how.
 *
 * @param inputs folders, globs, image files or text files listing image files (one per line)
 * @param anomalyMaps whether to write each file's anomaly maps as a TIFF next to the output
 * @param device as written: auto, cpu, gpu or gpu:N ({@link DeviceChoice#parse})
 * @param partitions tasks to cut the files into; 0 chooses from the cluster's parallelism
 * @param rule Score Stack's threshold rule: {@code model}, {@code model-latent}, {@code latent} or {@code min-max}
 */
record JobOptions(
		String model,
		List<String> inputs,
		String output,
		OutputFormat format,
		boolean anomalyMaps,
		UnreadableFilePolicy unreadableFiles,
		String device,
		int batchSize,
		int partitions,
		ThresholdRule rule,
		double threshold,
		int minRegionArea,
		boolean overwrite)
		implements Serializable {

	static final String USAGE = String.join(
			"\n",
			"Usage: spark-submit --class org.ganomaly.fiji.spark.ScoreJob ganomaly-spark.jar score \\",
			"         --model MODEL.ganomaly --input INPUT [--input INPUT ...] --output DIR [options]",
			"  --input        a folder (its image files), a glob ('/data/*/*.tif'), an image file, or a .txt file",
			"                 listing image files one per line (relative to its folder); repeat, or separate by commas",
			"  --output       a new folder for the table (Parquet; an existing non-empty one needs --overwrite)",
			"  --format       parquet (default) or csv",
			"  --anomaly-maps also write each file's anomaly maps as a TIFF into OUTPUT-anomaly-maps/",
			"  --unreadable-files skip (default: listed in the table with their error) or stop (the job fails)",
			"  --device       cpu (default), gpu (the GPU Spark gave the task, else the first), gpu:N, or auto (that",
			"                 GPU if it works, else the CPU)",
			"  --batch-size   samples handed to the network together (default 64)",
			"  --partitions   tasks (default: 3 per core of the cluster, at most 2,000 files each)",
			"  --threshold-rule model (default), model-latent, latent or min-max, with --threshold (default 0.2), as in "
					+ "Score Stack",
			"  --min-region-area as in Score Stack (default " + MapRegions.DEFAULT_MIN_AREA + ")",
			"  --overwrite    replace an existing output");

	/** Parses {@code score --model ...}; an IllegalArgumentException says what is wrong. */
	static JobOptions parse(String[] args) {
		if (args.length == 0 || !args[0].equals("score"))
			throw new IllegalArgumentException("The first argument must be the job, 'score'.");
		String model = null, output = null;
		OutputFormat format = OutputFormat.PARQUET;
		String device = "cpu";
		ThresholdRule rule = ThresholdRule.MODEL;
		List<String> inputs = new ArrayList<>();
		boolean maps = false, overwrite = false;
		UnreadableFilePolicy policy = UnreadableFilePolicy.SKIP;
		int batchSize = 64, partitions = 0, minRegionArea = MapRegions.DEFAULT_MIN_AREA;
		double threshold = 0.2;
		ChoiceCheck check = new ChoiceCheck(); // every unknown word at once, as the commands say them
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--anomaly-maps" -> maps = true;
				case "--overwrite" -> overwrite = true;
				default -> {
					if (i + 1 == args.length || args[i + 1].startsWith("--"))
						throw new IllegalArgumentException("Option " + option + " needs a value.");
					String value = args[++i];
					switch (option) {
						case "--model" -> model = value;
						case "--input" -> {
							for (String input : value.split(",")) if (!input.isBlank()) inputs.add(input.strip());
						}
						case "--output" -> output = value;
						case "--format" -> format = check.parse(option, value, OutputFormat.class);
						case "--unreadable-files" -> policy = check.parse(option, value, UnreadableFilePolicy.class);
						case "--device" -> device = check.check(() -> device(value));
						case "--batch-size" -> batchSize = positive(option, value);
						case "--partitions" -> partitions = positive(option, value);
						case "--threshold-rule" -> rule = check.parse(option, value, ThresholdRule.class);
						case "--threshold" -> threshold = number(option, value);
						case "--min-region-area" -> minRegionArea = positive(option, value);
						default -> throw new IllegalArgumentException("Unknown option " + option + ".");
					}
				}
			}
		}
		check.done();
		if (model == null) throw new IllegalArgumentException("--model is missing: the .ganomaly file to score with.");
		if (inputs.isEmpty()) throw new IllegalArgumentException("--input is missing: the images to score.");
		if (output == null) throw new IllegalArgumentException("--output is missing: a new folder for the table.");
		return new JobOptions(
				model,
				List.copyOf(inputs),
				output,
				format,
				maps,
				policy,
				device,
				batchSize,
				partitions,
				rule,
				threshold,
				minRegionArea,
				overwrite);
	}

	/** Where the anomaly maps go: a folder beside the output, named after it. */
	String mapsFolder() {
		return output.replaceAll("/+$", "") + "-anomaly-maps";
	}

	/** The device as written (checked and lower-cased): "gpu" and "gpu:0" differ on a cluster that assigns GPUs. */
	private static String device(String value) {
		try {
			DeviceChoice.parse(value);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("--device: " + e.getMessage(), e);
		}
		return value.trim().toLowerCase(Locale.ROOT);
	}

	private static int positive(String option, String value) {
		try {
			int n = Integer.parseInt(value);
			if (n >= 1) return n;
		} catch (NumberFormatException e) {
			// said below
		}
		throw new IllegalArgumentException(option + " must be a whole number of at least 1, not '" + value + "'.");
	}

	private static double number(String option, String value) {
		try {
			return Double.parseDouble(value);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(option + " must be a number, not '" + value + "'.", e);
		}
	}
}
