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
import java.util.Locale;
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
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.job.Scoring;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.GanomalyScorer;
import org.ganomaly.fiji.core.score.SampleScore;
import org.ganomaly.fiji.core.score.ScoringItem;
import org.ganomaly.fiji.core.score.Verdict;
import org.ganomaly.fiji.image.AnomalyMapStackBuilder;
import org.ganomaly.fiji.image.FileImage;
import org.ganomaly.fiji.image.FileImages;
import org.ganomaly.fiji.image.ImageSampleSet;
import org.ganomaly.fiji.image.MapUnits;
import org.ganomaly.fiji.image.SampleInfo;
import org.ganomaly.fiji.image.SampleStream;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

/**
 * One task: opens its files one at a time through Hadoop's FileSystem (each file checked and turned into samples
 * exactly as Score Stack does a folder's: {@link FileImages#open}, {@link ImageSampleSet}) and scores them in
 * batches with the plugin's {@link Scoring}, giving a row per sample and one per skipped file, in input order.
 * <p>
 * A file that cannot be used (not an image, damaged, NaN pixels, not found...) is a skipped row, or stops the job
 * under {@link UnreadableFilePolicy#STOP}. Other I/O errors (a lost connection to the store) fail the task, so that
 * Spark retries it.
 */
final class ScoreTask implements FlatMapFunction<Iterator<InputFile>, SampleRow> {

	/** Running BatchNorm statistics only: with batch statistics a score would depend on how files fall into tasks. */
	private static final BatchNormMode BATCH_NORM = BatchNormMode.RUNNING_STATISTICS;

	private final TaskSettings settings;

	ScoreTask(TaskSettings settings) {
		this.settings = settings;
	}

	/** A sample's file and place. */
	private record Meta(InputFile file, SampleInfo info, String mapFile) {}

	/** An opened file, and where its anomaly maps go (null when they are not written). */
	private record OpenedFile(InputFile file, String mapFile) {}

	@Override
	public Iterator<SampleRow> call(Iterator<InputFile> files) throws IOException {
		Configuration conf = settings.hadoop().get();
		ExecutorModels.LocalModel model = ExecutorModels.get(settings.modelUri(), settings.sha256(), conf);
		ModelManifest manifest = model.manifest();
		boolean regions = manifest.pixelCalibration() != null;
		AnomalyMapFiles maps = settings.mapsFolder() == null ? null : new AnomalyMapFiles(settings.mapsFolder(), conf);
		Scoring.Settings scoring =
				new Scoring.Settings(BATCH_NORM, settings.batchSize(), regions || maps != null, DataType.FLOAT32);
		Queue<SampleRow> skipped = new ConcurrentLinkedQueue<>();
		Rows rows = new Rows(manifest, maps, settings.minRegionArea());
		TaskContext task = TaskContext.get();
		java.nio.file.Path scratch = Files.createTempDirectory("ganomaly-task-");
		try (ExecutorModels.Lease lease = ExecutorModels.lease(model, settings.device(), scoring)) {
			SampleStream<InputFile, OpenedFile, Meta> samples = new SampleStream<>(
					files,
					new FileOpener(manifest, maps, skipped, conf, scratch),
					(file, info) -> new Meta(file.file(), info, file.mapFile()));
			lease.scoring().score(samples, rows, () -> task != null && task.isInterrupted());
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

	/** Score Stack's per-sample columns, and the anomaly-map TIFFs file by file. */
	private static final class Rows implements GanomalyScorer.Sink<Meta> {

		final List<SampleRow> rows = new ArrayList<>();
		private final ImageShape shape;
		private final Calibration calibration;
		private final Verdict verdict;
		private final double intensityScale;
		private final double pixelThreshold;
		private final int minRegionArea;
		private final MapUnits mapUnits;
		private final AnomalyMapFiles maps;
		private AnomalyMapStackBuilder mapStack;
		private String mapStackFile;

		Rows(ModelManifest manifest, AnomalyMapFiles maps, int minRegionArea) {
			this.shape = manifest.network().image();
			this.calibration = manifest.calibration();
			this.verdict =
					Verdict.of(manifest.calibration(), manifest.pixelCalibration(), manifest.verdictCalibration());
			this.intensityScale = manifest.intensity().networkToIntensityScale();
			this.pixelThreshold = manifest.pixelCalibration() == null
					? Double.NaN
					: manifest.pixelCalibration().threshold();
			this.minRegionArea = minRegionArea;
			this.mapUnits = MapUnits.intensity(manifest.intensity());
			this.maps = maps;
		}

		@Override
		public void accept(int index, ScoringItem<Meta> item, SampleScore score, float[] reconstruction, float[] map) {
			Meta meta = item.meta();
			SampleInfo info = meta.info();
			if (!score.finite())
				throw new IllegalStateException(String.format(
						Locale.ROOT,
						"The model gives sample %s of '%s' scores that are not numbers (latent %s, reconstruction "
								+ "error %s), so it cannot score. Its weights are broken, most likely by a training "
								+ "that diverged: train it again.",
						info.sampleName(),
						meta.file().uri(),
						score.latent(),
						score.reconstructionError()));
			MapRegions regions = Double.isNaN(pixelThreshold)
					? null
					: MapRegions.of(map, shape.size(), pixelThreshold, minRegionArea);
			Verdict.Judgement judgement = verdict.judge(score.latent(), map);
			rows.add(new SampleRow(
					meta.file().index(),
					info.index(),
					meta.file().uri(),
					info.planeName(),
					info.stackIndex(),
					info.channel(),
					info.slice(),
					info.frame(),
					info.tileX(),
					info.tileY(),
					score.latent(),
					calibration.calibrated(score.latent()),
					score.reconstructionError() * intensityScale,
					judgement.score(),
					judgement.anomalous(),
					calibration.anomalous(score.latent()),
					regions == null ? 0 : regions.count(),
					regions == null ? 0 : regions.area(),
					regions == null ? 0 : regions.max() * intensityScale,
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
				mapStack.add(map, info);
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
