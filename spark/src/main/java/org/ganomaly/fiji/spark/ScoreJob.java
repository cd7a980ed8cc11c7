package org.ganomaly.fiji.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.core.model.ModelManifest;

/**
 * {@code spark-submit --class org.ganomaly.fiji.spark.ScoreJob ganomaly-spark.jar score --model ... --input ...
 * --output ...}: Score Stack over a cluster. The driver lists the files, reads the model once for its checksum and
 * settings, and cuts the files into tasks of consecutive files; the tasks score ({@link PartitionScorer}); the driver
 * counts the scored rows of each partition, then Spark writes the completed table ({@link ResultTable}) through its
 * own file committers, so a retried task never leaves duplicate rows.
 */
public final class ScoreJob {

	/** What a run did. */
	record Summary(int files, long skipped, long samples, double seconds, String output, List<String> skippedFiles) {

		String describe() {
			return String.format(
					Locale.ROOT,
					"Scored %d samples of %d files in %.1f s (%.0f per second); %d files skipped%s. Table: %s",
					samples,
					files,
					seconds,
					samples / seconds,
					skipped,
					skipped == 0
							? ""
							: " (Status 'skipped' in the table), e.g.\n  " + String.join("\n  ", skippedFiles),
					output);
		}
	}

	private ScoreJob() {}

	public static void main(String[] args) {
		JobOptions options;
		try {
			options = JobOptions.parse(args);
		} catch (IllegalArgumentException e) {
			System.err.println("[ERROR] ganomaly-spark: " + e.getMessage() + "\n" + JobOptions.USAGE);
			System.exit(2);
			return;
		}
		SparkSession spark = SparkSession.builder().appName("GANomaly scoring").getOrCreate();
		int status = 0;
		try {
			System.out.println(run(spark, options).describe());
		} catch (Exception e) { // Spark's SparkException is a checked exception Scala throws undeclared
			System.err.println("[ERROR] ganomaly-spark: " + userMessage(e));
			status = 1;
		} finally {
			spark.stop();
		}
		System.exit(status);
	}

	/** Scores as {@code options} say; an IllegalArgumentException says what is wrong with them. */
	static Summary run(SparkSession spark, JobOptions options) {
		long start = System.nanoTime();
		JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
		Configuration conf = context.hadoopConfiguration();
		String model = qualified(options.model(), conf);
		String output = qualified(options.output(), conf);
		String maps = options.anomalyMaps() ? qualified(options.mapsFolder(), conf) : null;
		boolean replace = checkOutput(output, options.overwrite(), conf);
		if (maps != null) {
			// Replaced as a whole, so that no map of an earlier run stays beside this run's table.
			if (checkOutput(maps, options.overwrite(), conf)) delete(maps, conf);
			mkdirs(maps, conf);
		}
		ExecutorModels.LocalModel local = ExecutorModels.read(model, conf);
		ModelManifest manifest = local.manifest();
		List<String> uris = InputFiles.expand(options.inputs(), conf);
		List<InputFile> files = new ArrayList<>(uris.size());
		for (int i = 0; i < uris.size(); i++) files.add(new InputFile(i, uris.get(i)));

		TaskSettings settings = new TaskSettings(
				model,
				local.sha256(),
				options.device(),
				options.batchSize(),
				maps,
				options.unreadableFiles(),
				options.minRegionArea(),
				new HadoopConf(conf));
		JavaRDD<SampleRow> scored = context.parallelize(files, partitions(options, files.size(), context))
				.mapPartitions(new PartitionScorer(settings))
				.persist(StorageLevel.MEMORY_AND_DISK());
		try {
			List<ResultTable.Stats> stats = new ArrayList<>(
					scored.mapPartitionsWithIndex(ResultTable.Stats.of(), true).collect());
			stats.sort(Comparator.comparingInt(ResultTable.Stats::partition));
			long[] first = new long[stats.size()];
			long samples = 0, skipped = 0;
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (ResultTable.Stats s : stats) {
				first[s.partition()] = samples + 1;
				samples += s.scored();
				skipped += s.skipped();
				min = Math.min(min, s.min());
				max = Math.max(max, s.max());
			}
			List<String> skippedFiles = skipped == 0
					? List.of()
					: scored.filter(r -> !r.scored()).take(10).stream()
							.map(SampleRow::error)
							.toList();
			if (samples == 0)
				throw new IllegalArgumentException("No samples were scored: none of the " + files.size()
						+ " files could be used, e.g.\n  " + String.join("\n  ", skippedFiles));
			ResultTable table = new ResultTable(
					ScoringSession.columns(manifest),
					maps != null,
					local.sha256(),
					options.rule(),
					options.threshold());
			Dataset<Row> rows = spark.createDataFrame(
					scored.mapPartitionsWithIndex(table.complete(first, min, max), true), table.schema());
			DataFrameWriter<Row> writer = rows.write().mode(replace ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
			if (options.format() == OutputFormat.CSV)
				writer.option("header", "true").csv(output);
			else writer.parquet(output);
			return new Summary(files.size(), skipped, samples, (System.nanoTime() - start) / 1e9, output, skippedFiles);
		} finally {
			scored.unpersist(false);
		}
	}

	/** Tasks of consecutive files: as asked, else 3 per core of the cluster and at most 2,000 files each. */
	private static int partitions(JobOptions options, int files, JavaSparkContext context) {
		int wanted = options.partitions() > 0
				? options.partitions()
				: Math.max(3 * context.defaultParallelism(), (files + 1999) / 2000);
		return Math.max(1, Math.min(files, wanted));
	}

	private static String qualified(String path, Configuration conf) {
		Path p = new Path(path);
		try {
			return p.getFileSystem(conf).makeQualified(p).toString();
		} catch (IOException e) {
			throw new IllegalArgumentException("Cannot use path '" + path + "': " + e.getMessage(), e);
		}
	}

	/**
	 * Refuses to replace the user's data: a folder that exists and holds files needs {@code --overwrite}; returns
	 * whether Spark must replace what is there (an existing folder).
	 */
	private static boolean checkOutput(String uri, boolean overwrite, Configuration conf) {
		Path path = new Path(uri);
		try {
			FileSystem fs = path.getFileSystem(conf);
			if (!fs.exists(path)) return false;
			FileStatus status = fs.getFileStatus(path);
			if (!status.isDirectory())
				throw new IllegalArgumentException(
						"Output '" + uri + "' is a file, not a folder. Choose a new folder for the results.");
			if (fs.listStatus(path).length > 0 && !overwrite)
				throw new IllegalArgumentException("Output '" + uri + "' exists and is not empty. Choose a new "
						+ "folder, or pass --overwrite to replace what is in it.");
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot check output '" + uri + "': " + e.getMessage(), e);
		}
	}

	private static void delete(String uri, Configuration conf) {
		Path path = new Path(uri);
		try {
			path.getFileSystem(conf).delete(path, true);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot replace folder '" + uri + "': " + e.getMessage(), e);
		}
	}

	private static void mkdirs(String uri, Configuration conf) {
		Path path = new Path(uri);
		try {
			if (!path.getFileSystem(conf).mkdirs(path)) throw new IOException("mkdirs returned false");
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create folder '" + uri + "': " + e.getMessage(), e);
		}
	}

	/** Our own exceptions' messages: what is wrong with the input or the model, in plain words. */
	private static final Pattern OURS =
			Pattern.compile("(?:IllegalArgumentException|IllegalStateException|UncheckedIOException): (.+)");

	/**
	 * The message of what went wrong, also when it happened in a task: Spark reports a task's exception in the text
	 * of its own, with the stack traces.
	 */
	static String userMessage(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof IllegalArgumentException
					|| t instanceof IllegalStateException
					|| t instanceof UncheckedIOException) return t.getMessage();
			Matcher ours = OURS.matcher(String.valueOf(t.getMessage()));
			if (ours.find()) return ours.group(1);
		}
		return error.toString();
	}
}
