package org.ganomaly.fiji.spark;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * The Spark job against Score Stack on the same folder of 32×32 8-bit TIFFs, one measurement per JVM (bench/spark.sh
 * runs them one after the other), each printing one JSON line: the seconds of the whole scoring (model, listing,
 * scoring, table written), samples per second and the peak Java heap (in local mode the executor is this JVM).
 * <pre>
 * SparkBench data --folder DIR --images 100000 --model FILE   (once: the images and a default-size model)
 * SparkBench score-stack --folder DIR --model FILE --out DIR
 * SparkBench spark --master local[2] --folder DIR --model FILE --out DIR
 * </pre>
 */
public final class SparkBench {

	public static void main(String[] args) throws Exception {
		Map<String, String> a = new LinkedHashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		Path folder = Path.of(a.get("folder"));
		Path model = Path.of(a.get("model"));
		switch (args[0]) {
			case "data" -> data(folder, Integer.parseInt(a.get("images")), model);
			case "score-stack" -> scoreStack(folder, model, Path.of(a.get("out")));
			case "spark" -> spark(a.get("master"), folder, model, Path.of(a.get("out")));
			default -> throw new IllegalArgumentException("data, score-stack or spark, not " + args[0]);
		}
		System.exit(0);
	}

	/** Seeded blobs, every tenth one scratched, as img-000001.tif...; a default network trained 1 epoch. */
	private static void data(Path folder, int images, Path model) throws Exception {
		Files.createDirectories(folder);
		SyntheticImages generator = new SyntheticImages(32, 7);
		for (int n = 1; n <= images; n++) {
			SyntheticImages.Kind kind = n % 10 == 0 ? SyntheticImages.Kind.SCRATCHED : SyntheticImages.Kind.BLOBS;
			save(generator.next(kind), folder.resolve(String.format(Locale.ROOT, "img-%06d.tif", n)));
		}
		Path normals = Files.createTempDirectory("spark-bench-normals");
		SyntheticImages training = new SyntheticImages(32, 8);
		for (int n = 1; n <= 640; n++)
			save(
					training.next(SyntheticImages.Kind.BLOBS),
					normals.resolve(String.format(Locale.ROOT, "n-%03d.tif", n)));
		run(
				TrainCommand.class,
				"source",
				"folder",
				"training_folder",
				normals.toFile(),
				"image_size",
				32,
				"epochs",
				1,
				"device",
				"cpu",
				"model",
				model.toFile(),
				"overwrite",
				true);
		try (Stream<Path> files = Files.list(normals)) {
			files.forEach(f -> f.toFile().delete());
		}
		Files.delete(normals);
	}

	private static void save(float[] pixels, Path file) {
		IJ.saveAsTiff(
				new ImagePlus("", new FloatProcessor(32, 32, pixels).convertToByteProcessor(false)), file.toString());
	}

	private static void scoreStack(Path folder, Path model, Path out) throws Exception {
		Files.createDirectories(out);
		long start = begin();
		CommandModule module = run(
				ScoreCommand.class,
				"source",
				"folder",
				"input_folder",
				folder.toFile(),
				"model",
				model.toFile(),
				"device",
				"cpu",
				"csv",
				out.resolve("score-stack.csv").toFile());
		report("score-stack", output(out.resolve("score-stack.csv")), count(folder), start);
		if (module.isCanceled()) throw new IllegalStateException(module.getCancelReason());
	}

	private static void spark(String master, Path folder, Path model, Path out) throws Exception {
		long sessionStart = System.nanoTime();
		SparkSession spark = SparkSession.builder()
				.master(master)
				.appName("SparkBench")
				.config("spark.ui.enabled", "false")
				.getOrCreate();
		double session = (System.nanoTime() - sessionStart) / 1e9;
		long start = begin();
		Path table = out.resolve(master.replaceAll("[^a-z0-9]", ""));
		long samples = ScoreJob.run(spark, JobOptions.parse(new String[] {
					"score",
					"--model",
					model.toString(),
					"--input",
					folder.toString(),
					"--output",
					out.resolve(master.replaceAll("[^a-z0-9]", "")).toString(),
					"--overwrite"
				}))
				.samples();
		report(
				"spark " + master,
				String.format(Locale.ROOT, ", \"session_seconds\": %.1f", session) + output(table),
				samples,
				start);
		spark.stop();
	}

	/** The table's size on disk (a file, or a folder's files), as JSON. */
	private static String output(Path table) throws Exception {
		try (Stream<Path> files = Files.walk(table)) {
			long bytes = files.filter(Files::isRegularFile)
					.mapToLong(f -> f.toFile().length())
					.sum();
			return String.format(Locale.ROOT, ", \"output_bytes\": %d", bytes);
		}
	}

	private static long count(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.count();
		}
	}

	private static long begin() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
		return System.nanoTime();
	}

	private static void report(String what, String extra, long samples, long start) {
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
		System.out.printf(
				Locale.ROOT,
				"{\"run\": \"%s\", \"samples\": %d, \"seconds\": %.2f, \"samples_per_second\": %.1f, "
						+ "\"peak_heap_mb\": %.0f, \"max_heap_mb\": %.0f, \"pytorch_threads\": \"%s\"%s}%n",
				what,
				samples,
				seconds,
				samples / seconds,
				peak / 1e6,
				Runtime.getRuntime().maxMemory() / 1e6,
				System.getProperty("ai.djl.pytorch.num_threads", "default"),
				extra);
	}

	private static CommandModule run(Class<? extends org.scijava.command.Command> command, Object... keysAndValues)
			throws Exception {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) inputs.put((String) keysAndValues[i], keysAndValues[i + 1]);
		Context context = new Context(CommandService.class, StatusService.class, LogService.class);
		return context.service(CommandService.class).run(command, false, inputs).get();
	}
}
