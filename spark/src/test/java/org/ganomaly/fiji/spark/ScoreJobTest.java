package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.score.ScoreColumn;
import org.ganomaly.fiji.core.score.ThresholdRule;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * The job in Spark's local mode (2 threads, a task may fail twice) against Score Stack on the same folder: a tiny
 * model (16×16, nz 16, nf 8, one epoch) trained by Train GANomaly, then 300 generated images and one damaged file
 * scored by Score Stack (CSV) and by the job (Parquet).
 */
public class ScoreJobTest {

	private static final int IMAGES = 300;
	private static final double RELATIVE_TOLERANCE = 1e-6;

	@ClassRule
	public static final TemporaryFolder TEMP = new TemporaryFolder();

	private static SparkSession spark;
	private static Context context;
	private static Path model;
	private static Path images;
	/** Score Stack's table: header, then one row per sample. */
	private static List<String[]> scoreStack;

	private static List<String> header;

	@BeforeClass
	public static void scoreWithScoreStack() throws Exception {
		Path root = TEMP.getRoot().toPath();
		context = new Context(CommandService.class, StatusService.class, LogService.class);
		model = root.resolve("tiny.ganomaly");
		run(
				TrainCommand.class,
				"source",
				"folder",
				"training_folder",
				writeImages(root.resolve("normals"), 1, 40, false).toFile(),
				"image_size",
				16,
				"nz",
				16,
				"nf",
				8,
				"batch_size",
				8,
				"epochs",
				1,
				"precise_bn_batches",
				2,
				"device",
				"cpu",
				"model",
				model.toFile());
		images = writeImages(root.resolve("images"), 2, IMAGES, true);
		Files.write(images.resolve("broken.tif"), "not an image at all".getBytes(StandardCharsets.US_ASCII));
		Path csv = root.resolve("score-stack.csv");
		run(
				ScoreCommand.class,
				"source",
				"folder",
				"input_folder",
				images.toFile(),
				"unreadable_files",
				"skip",
				"model",
				model.toFile(),
				"device",
				"cpu",
				"csv",
				csv.toFile());
		List<String> lines = Files.readAllLines(csv);
		header = List.of(lines.get(0).split(",", -1));
		scoreStack = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
		assertEquals("Score Stack scored every image but the broken one", IMAGES, scoreStack.size());

		spark = SparkSession.builder()
				.master("local[2,2]")
				.appName("ScoreJobTest")
				.config("spark.ui.enabled", "false")
				.config("spark.driver.host", "127.0.0.1")
				.getOrCreate();
	}

	@AfterClass
	public static void stop() {
		if (spark != null) spark.stop();
		if (context != null) context.dispose();
	}

	@Test
	public void everyRowIsScoreStacksAndTheBrokenFileIsListed() throws Exception {
		Path output = TEMP.getRoot().toPath().resolve("table");
		ScoreJob.Summary summary = ScoreJob.run(spark, options("--output", output.toString()));
		assertEquals(IMAGES + 1, summary.files());
		assertEquals(IMAGES, summary.samples());
		assertEquals(1, summary.skipped());

		List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
		List<Row> scored = scoredRows(rows);
		assertSameAsScoreStack(scored);
		List<Row> skipped = rows.stream()
				.filter(r -> r.getAs(ResultTable.STATUS).equals(ResultTable.SKIPPED))
				.toList();
		assertEquals("one skipped row", 1, skipped.size());
		Row broken = skipped.get(0);
		assertTrue(broken.<String>getAs("Source").endsWith("/broken.tif"));
		assertTrue(broken.<String>getAs("Error"), broken.<String>getAs("Error").contains("is not an image"));
		assertNull("no sample number for a skipped file", broken.getAs(ResultTable.SAMPLE));
		assertEquals(
				"every row names the model",
				Set.of(ExecutorModels.read(
								model.toUri().toString(), spark.sparkContext().hadoopConfiguration())
						.sha256()),
				new HashSet<>(
						rows.stream().map(r -> r.<String>getAs("Model SHA-256")).toList()));
	}

	@Test
	public void aTaskThatFailsAfterWritingIsRetriedWithoutDuplicateRows() throws Exception {
		Path output = TEMP.getRoot().toPath().resolve("retried");
		String key = "spark.sql.parquet.output.committer.class";
		spark.conf().set(key, FailingOnceCommitter.class.getName());
		try {
			ScoreJob.run(spark, options("--output", output.toString(), "--anomaly-maps"));
		} finally {
			spark.conf().unset(key);
		}
		assertEquals("one task commit failed and was retried", 1, FailingOnceCommitter.FAILURES.get());
		List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
		assertEquals("a row per image and one for the broken file", IMAGES + 1, rows.size());
		assertSameAsScoreStack(scoredRows(rows));

		Row first = scoredRows(rows).get(0);
		String map = first.getAs("Anomaly map");
		ImagePlus maps =
				new Opener().openImage(Path.of(java.net.URI.create(map)).toString());
		assertEquals("one slice per sample of the file", 1, maps.getStackSize());
		assertEquals(32, maps.getBitDepth());
		try (Stream<Path> files = Files.list(Path.of(output + "-anomaly-maps"))) {
			assertEquals("a map per scored image, no temporary files", IMAGES, files.count());
		}
	}

	/** Score Stack's CSV and the job's table are written from one column definition; the job adds its own after. */
	@Test
	public void scoreStackAndTheJobShareOneColumnDefinition() throws IOException {
		List<ScoreColumn> columns = ScoringSession.columns(ModelFile.readManifest(model));
		List<String> shared = columns.stream().map(ScoreColumn::title).toList();
		assertEquals(shared, header);
		List<String> job = List.of(new ResultTable(columns, false, "sha", ThresholdRule.MODEL, 0.2)
				.schema()
				.fieldNames());
		assertEquals(shared, job.subList(0, shared.size()));
		assertEquals(List.of("Source", "Model SHA-256", "Status", "Error"), job.subList(shared.size(), job.size()));
	}

	@Test
	public void badInputIsRefusedWithAMessage() throws Exception {
		Path output = TEMP.getRoot().toPath().resolve("refused");
		Files.createDirectories(output);
		Files.writeString(output.resolve("keep.txt"), "the user's file");
		assertRefused(options("--output", output.toString()), "exists and is not empty");
		assertEquals("the user's file", Files.readString(output.resolve("keep.txt")));

		Path stopped = TEMP.getRoot().toPath().resolve("stopped");
		assertRefused(
				options("--output", stopped.toString(), "--unreadable-files", "stop"),
				"Stopped at file '",
				"broken.tif");
		assertFalse("nothing written", Files.exists(stopped));
		assertRefused(
				JobOptions.parse(new String[] {
					"score", "--model", model.toString(), "--input", "/no/such/folder", "--output", stopped.toString()
				}),
				"Input '/no/such/folder' does not exist");
	}

	private static void assertRefused(JobOptions options, String... parts) {
		try {
			ScoreJob.run(spark, options);
			fail("should have been refused");
		} catch (Exception e) { // Spark's own exceptions are checked ones
			String message = ScoreJob.userMessage(e);
			for (String part : parts) assertTrue(message, message.contains(part));
		}
	}

	private static JobOptions options(String... more) {
		List<String> args = new ArrayList<>(
				List.of("score", "--model", model.toString(), "--input", images.toString(), "--partitions", "5"));
		args.addAll(Arrays.asList(more));
		return JobOptions.parse(args.toArray(String[]::new));
	}

	private static List<Row> scoredRows(List<Row> rows) {
		return rows.stream()
				.filter(r -> r.getAs(ResultTable.STATUS).equals(ResultTable.SCORED))
				.sorted(Comparator.comparingLong(r -> r.<Long>getAs(ResultTable.SAMPLE)))
				.toList();
	}

	/** Row for row, every Score Stack column: numbers within the tolerance, text equal. */
	private static void assertSameAsScoreStack(List<Row> rows) {
		assertEquals("as many scored rows as Score Stack's", scoreStack.size(), rows.size());
		assertTrue("Score Stack's table has regions: " + header, header.contains("Regions"));
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			String[] expected = scoreStack.get(i);
			for (int c = 0; c < header.size(); c++) {
				String column = header.get(c);
				Object value = row.getAs(column);
				String where = "row " + (i + 1) + " (" + expected[1] + "), " + column + ": Score Stack " + expected[c]
						+ ", job " + value;
				if (value instanceof String text) assertEquals(where, expected[c], text);
				else {
					double x = Double.parseDouble(expected[c]), y = ((Number) value).doubleValue();
					assertTrue(where, Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)));
				}
			}
		}
	}

	/** Seeded 16×16 8-bit TIFFs: normal blobs, with {@code anomalies} every fifth image stripes or scratches. */
	private static Path writeImages(Path folder, long seed, int count, boolean anomalies) throws IOException {
		Files.createDirectories(folder);
		SyntheticImages generator = new SyntheticImages(16, seed);
		for (int n = 1; n <= count; n++) {
			SyntheticImages.Kind kind = !anomalies || n % 5 != 0
					? SyntheticImages.Kind.BLOBS
					: n % 10 == 0 ? SyntheticImages.Kind.STRIPES : SyntheticImages.Kind.SCRATCHED;
			ImagePlus image =
					new ImagePlus("", new FloatProcessor(16, 16, generator.next(kind)).convertToByteProcessor(false));
			IJ.saveAsTiff(
					image,
					folder.resolve(String.format("%s-%03d.tif", kind.name().toLowerCase(), n))
							.toString());
		}
		return folder;
	}

	private static void run(Class<? extends Command> command, Object... keysAndValues) throws Exception {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) inputs.put((String) keysAndValues[i], keysAndValues[i + 1]);
		CommandModule module = context.service(CommandService.class)
				.run(command, false, inputs)
				.get();
		assertFalse(command.getSimpleName() + " failed: " + module.getCancelReason(), module.isCanceled());
	}
}
