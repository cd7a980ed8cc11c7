package org.ganomaly.fiji.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.ganomaly.fiji.core.job.ScoringModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models in this JVM (an executor's, or the driver's in local mode), as DJL's own Spark integration keeps them: the
 * model file is read once per JVM into a local copy, cached by its URI and SHA-256 checksum, and each task borrows
 * networks loaded from that copy. Networks are not shared between tasks running at the same time (their forward
 * passes are not meant to be called concurrently). Networks given back wait in a pool for the next task: at most as
 * many as the executor runs tasks at once, each for at most {@link #IDLE_SECONDS}, so an idle executor gives their
 * memory (a GPU's too) back.
 */
final class ExecutorModels {

	private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

	/** A model file copied to this machine. */
	record LocalModel(String uri, String sha256, java.nio.file.Path file, ModelManifest manifest) {}

	/** Networks borrowed for one task; closing gives them back. */
	record Lease(ScoringModel model, Runnable giveBack) implements AutoCloseable {
		@Override
		public void close() {
			giveBack.run();
		}
	}

	private static final ConcurrentHashMap<String, LocalModel> FILES = new ConcurrentHashMap<>();
	private static final ConcurrentHashMap<String, IdlePool<ScoringModel>> IDLE = new ConcurrentHashMap<>();

	/** How long networks nobody uses are kept for the next task. */
	static final long IDLE_SECONDS = 60;

	/** Releases idle networks also when no task comes to take or give back any. */
	private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "GANomaly idle networks");
		thread.setDaemon(true);
		return thread;
	});

	static {
		SWEEPER.scheduleWithFixedDelay(
				() -> IDLE.values().forEach(IdlePool::sweep), IDLE_SECONDS, IDLE_SECONDS / 2, TimeUnit.SECONDS);
	}

	private ExecutorModels() {}

	/** On the driver: reads the model once to learn its checksum and manifest (the copy serves local tasks too). */
	static LocalModel read(String uri, Configuration conf) {
		LocalModel model = copy(uri, null, conf);
		return FILES.computeIfAbsent(key(uri, model.sha256()), k -> model);
	}

	/**
	 * In a task: the model the driver read, copied once per JVM.
	 *
	 * @throws IllegalStateException if the file changed since the driver read it
	 */
	static LocalModel get(String uri, String sha256, Configuration conf) {
		return FILES.computeIfAbsent(key(uri, sha256), k -> copy(uri, sha256, conf));
	}

	/**
	 * Networks for this task on {@code device} (as {@link DeviceChoice#parse} reads it), loaded if none is idle, on
	 * a device runtime of their own.
	 */
	static Lease lease(LocalModel model, String device, ScoringModel.Settings settings) {
		int threads = TorchThreads.ofThisExecutor(); // before any network loads in this JVM
		DeviceChoice choice = choose(device);
		IdlePool<ScoringModel> idle = IDLE.computeIfAbsent(
				key(model.uri(), model.sha256()) + " " + choice + " " + settings,
				k -> new IdlePool<>(tasksAtOnce(), TimeUnit.SECONDS.toNanos(IDLE_SECONDS), System::nanoTime));
		ScoringModel networks = idle.take();
		if (networks == null) {
			DeviceRuntime runtime = choice.open(line -> LOG.info("GANomaly: {}", line));
			try {
				networks = ScoringModel.open(model.file(), runtime, settings);
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot load model '" + model.uri() + "': " + e.getMessage(), e);
			}
			LOG.info(
					"GANomaly: networks of {} (sha256 {}) loaded on {} in executor {} (PyTorch threads {})",
					model.uri(),
					model.sha256().substring(0, 12),
					runtime.describe(),
					SparkEnv.get() == null ? "?" : SparkEnv.get().executorId(),
					threads);
		}
		ScoringModel lent = networks;
		return new Lease(lent, () -> idle.give(lent));
	}

	/** How many tasks this executor runs at once: its cores over each task's. */
	private static int tasksAtOnce() {
		SparkEnv env = SparkEnv.get();
		if (env == null) return 1;
		int cores =
				env.conf().getInt("spark.executor.cores", Runtime.getRuntime().availableProcessors());
		return Math.max(1, cores / Math.max(1, env.conf().getInt("spark.task.cpus", 1)));
	}

	/**
	 * The device of this task. {@code gpu} and {@code auto} mean the GPU Spark assigned to the task (resource "gpu"),
	 * else the first; {@code gpu:N} is GPU N whatever Spark assigned. A GPU asked for that does not work is an error,
	 * never a quiet CPU run.
	 */
	private static DeviceChoice choose(String device) {
		TaskContext task = TaskContext.get();
		DeviceChoice choice = DeviceChoice.parse(device);
		var assigned = task == null ? null : task.resourcesJMap().get("gpu");
		return assigned == null || device.contains(":")
				? choice
				: choice.onGpu(Integer.parseInt(assigned.addresses()[0]));
	}

	private static String key(String uri, String sha256) {
		return uri + "#" + sha256;
	}

	/** Copies the model file here, checking it against {@code expected} (null: any). */
	private static LocalModel copy(String uri, String expected, Configuration conf) {
		Path path = new Path(uri);
		try {
			java.nio.file.Path local = Files.createTempFile("ganomaly-model-", ModelFile.EXTENSION);
			local.toFile().deleteOnExit();
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(path.getFileSystem(conf).open(path), digest)) {
				Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
			}
			String sha256 = HexFormat.of().formatHex(digest.digest());
			if (expected != null && !expected.equals(sha256))
				throw new IllegalStateException("Model file '" + uri + "' changed while the job ran (its SHA-256 is "
						+ sha256 + ", the driver read " + expected + "). Do not replace a model during a job.");
			return new LocalModel(uri, sha256, local, ModelFile.readManifest(local));
		} catch (java.io.FileNotFoundException e) {
			throw new IllegalArgumentException(
					"Model file '" + uri + "' does not exist. Give the .ganomaly file Train GANomaly wrote.", e);
		} catch (IOException e) {
			throw new IllegalArgumentException("Model file '" + uri + "' cannot be used: " + e.getMessage(), e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
