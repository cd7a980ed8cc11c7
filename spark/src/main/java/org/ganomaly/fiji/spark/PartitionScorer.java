package org.ganomaly.fiji.spark;

import ai.djl.ndarray.types.DataType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.job.ScoringModel;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.image.AnomalyMapStackBuilder;
import org.ganomaly.fiji.image.FileImage;
import org.ganomaly.fiji.image.FileImages;
import org.ganomaly.fiji.image.ImageSampleSet;
import org.ganomaly.fiji.image.MapUnits;
import org.ganomaly.fiji.image.SampleStream;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

/**
 * Scores one partition of the job's files, as a task: opens its files one at a time through Hadoop's FileSystem (each
 * file checked and turned into samples exactly as Score Stack does a folder's: {@link FileImages#open},
 * {@link ImageSampleSet}) and scores them in batches in the plugin's {@link ScoringSession} (Score Stack's), giving
 * the session's row per sample and one row per skipped file, in input order.
 * <p>
 * A file that cannot be used (not an image, damaged, NaN pixels, not found...) is a skipped row, or stops the job
 * under {@link UnreadableFilePolicy#STOP}. Other I/O errors (a lost connection to the store) fail the task, so that
 * Spark retries it.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<InputFile>, SampleRow> {

	/** Running BatchNorm statistics only: with batch statistics a score would depend on how files fall into tasks. */
	private static final BatchNormMode BATCH_NORM = BatchNormMode.RUNNING_STATISTICS;

	private final TaskSettings settings;

	PartitionScorer(TaskSettings settings) {
		this.settings = settings;
	}

	/** A sample's file and place. */
	private record Meta(InputFile file, SampleInfo info, String mapFile) implements ScoringSession.Located {
		@Override
		public String describe() {
			return "'" + info.sampleName() + "' of '" + file.uri() + "'";
		}
	}

	/** An opened file, and where its anomaly maps go (null when they are not written). */
	private record OpenedFile(InputFile file, String mapFile) {}

	@Override
	public Iterator<SampleRow> call(Iterator<InputFile> files) throws IOException {
		Configuration conf = settings.hadoop().get();
		ExecutorModels.LocalModel model = ExecutorModels.get(settings.modelUri(), settings.sha256(), conf);
		ModelManifest manifest = model.manifest();
		AnomalyMapFiles maps = settings.mapsFolder() == null ? null : new AnomalyMapFiles(settings.mapsFolder(), conf);
		ScoringModel.Settings scoring = new ScoringModel.Settings(
				BATCH_NORM, settings.batchSize(), ScoringSession.needsMaps(manifest) || maps != null, DataType.FLOAT32);
		Queue<SampleRow> skipped = new ConcurrentLinkedQueue<>();
		Rows rows = new Rows(manifest, maps);
		TaskContext task = TaskContext.get();
		java.nio.file.Path scratch = Files.createTempDirectory("ganomaly-task-");
		try (ExecutorModels.Lease lease = ExecutorModels.lease(model, settings.device(), scoring)) {
			SampleStream<InputFile, OpenedFile, Meta> samples = new SampleStream<>(
					files,
					new FileOpener(manifest, maps, skipped, conf, scratch),
					(file, info) -> new Meta(file.file(), info, file.mapFile()));
			ScoringSession session = new ScoringSession(
					lease.model(), ScoringSession.Regions.ofModel(manifest, settings.minRegionArea()));
			session.score(samples, rows, () -> task != null && task.isInterrupted());
			rows.finishMaps();
		} finally {
			deleteTree(scratch);
		}
		List<SampleRow> all = new ArrayList<>(rows.rows);
		all.addAll(skipped);
		all.sort(SampleRow.INPUT_ORDER);
		return all.iterator();
	}

	/** Opens the task's files one by one, on the scorer's reading thread; a skipped file gives null. */
	private final class FileOpener implements Function<InputFile, SampleStream.Opened<OpenedFile>> {

		private final ImageShape shape;
		private final Sampling sampling;
		private final IntensityRange range;
		private final AnomalyMapFiles maps;
		private final Queue<SampleRow> skipped;
		private final Configuration conf;
		private final java.nio.file.Path scratch;

		FileOpener(
				ModelManifest manifest,
				AnomalyMapFiles maps,
				Queue<SampleRow> skipped,
				Configuration conf,
				java.nio.file.Path scratch) {
			this.shape = manifest.network().image();
			this.sampling = manifest.preprocessing().sampling();
			this.range = manifest.intensity();
			this.maps = maps;
			this.skipped = skipped;
			this.conf = conf;
			this.scratch = scratch;
		}

		@Override
		public SampleStream.Opened<OpenedFile> apply(InputFile file) {
			ImageSampleSet samples = open(file);
			if (samples == null) return null;
			String mapFile = maps == null ? null : maps.uri(file.index(), file.uri());
			return new SampleStream.Opened<>(new OpenedFile(file, mapFile), samples);
		}

		/** The file's samples, or null when it is skipped. */
		private ImageSampleSet open(InputFile input) {
			try {
				FileImage image = FileImages.open(local(input), shape, sampling);
				return new ImageSampleSet(image.sampler(), range);
			} catch (IllegalArgumentException e) {
				return unusable(input, e.getMessage());
			} catch (FileNotFoundException | AccessControlException e) {
				return unusable(
						input, "'" + new Path(input.uri()).getName() + "' cannot be read (" + e.getMessage() + ").");
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read '" + input.uri() + "': " + e.getMessage(), e);
			}
		}

		private ImageSampleSet unusable(InputFile input, String reason) {
			if (settings.unreadableFiles() == UnreadableFilePolicy.STOP)
				throw new IllegalArgumentException("Stopped at file '" + input.uri() + "': " + reason
						+ " (Fix or remove the file, or pass --unreadable-files skip.)");
			skipped.add(SampleRow.skipped(input.index(), input.uri(), reason));
			return null;
		}

		/**
		 * The file on this machine: local files as they are, others copied into the task's scratch folder under
		 * their own name (labels are file names); the previous copy is deleted, its pixels being in memory.
		 */
		private java.nio.file.Path local(InputFile input) throws IOException {
			Path path = new Path(input.uri());
			if ("file".equals(path.toUri().getScheme())) return java.nio.file.Path.of(URI.create(input.uri()));
			deleteTree(scratch);
			Files.createDirectories(scratch);
			java.nio.file.Path copy = scratch.resolve(path.getName());
			try (InputStream in = path.getFileSystem(conf).open(path)) {
				Files.copy(in, copy);
			}
			return copy;
		}
	}

	/** The session's rows with the file's columns, and the anomaly-map TIFFs file by file. */
	private static final class Rows implements ScoringSession.Sink<Meta> {

		final List<SampleRow> rows = new ArrayList<>();
		private final ImageShape shape;
		private final MapUnits mapUnits;
		private final AnomalyMapFiles maps;
		private AnomalyMapStackBuilder mapStack;
		private String mapStackFile;

		Rows(ModelManifest manifest, AnomalyMapFiles maps) {
			this.shape = manifest.network().image();
			this.mapUnits = MapUnits.intensity(manifest.intensity());
			this.maps = maps;
		}

		@Override
		public void accept(ScoringSession.Result<Meta> result) {
			Meta meta = result.meta();
			rows.add(new SampleRow(
					meta.file().index(),
					meta.info().index(),
					meta.file().uri(),
					result.scores(),
					meta.mapFile(),
					null));
			if (maps != null) {
				if (!meta.mapFile().equals(mapStackFile)) {
					finishMaps();
					mapStack = new AnomalyMapStackBuilder(
							shape,
							mapUnits,
							"Anomaly maps of " + new Path(meta.file().uri()).getName());
					mapStackFile = meta.mapFile();
				}
				mapStack.add(result.anomalyMap(), meta.info());
			}
		}

		/** Writes the maps of the file scored last. */
		void finishMaps() {
			if (mapStack != null) maps.write(mapStack.build(), mapStackFile);
			mapStack = null;
			mapStackFile = null;
		}
	}

	private static void deleteTree(java.nio.file.Path folder) {
		if (!Files.exists(folder)) return;
		try (var paths = Files.walk(folder)) {
			paths.sorted(java.util.Comparator.reverseOrder())
					.forEach(p -> p.toFile().delete());
		} catch (IOException e) {
			// a scratch folder: best effort
		}
	}
}
