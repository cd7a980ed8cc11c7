package org.ganomaly.fiji.bench;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.ScoringItem;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The Java side of the speed benchmark (bench/speed.sh runs it interleaved with bench/reference/speed_ref.py):
 * milliseconds per training iteration and inference images per second on seeded synthetic batches.
 * Prints one JSON object per line.
 * <p>
 * Usage: SpeedBench --config 32x1 --batch 64 --iters 10 --repeats 3 --warmup 2 --infer-batches 64,512
 * --infer-images 4096 [--device cpu] [--precisions float32,float16]
 */
public final class SpeedBench {

	public static void main(String[] args) {
		Args a = new Args(args);
		ImageShape shape = shape(a);
		int batch = a.getInt("batch", 64);
		int iters = a.getInt("iters", 10);
		int repeats = a.getInt("repeats", 3);
		int warmup = a.getInt("warmup", 2);
		DeviceRuntime device = DeviceChoice.parse(a.get("device", "cpu")).open(System.err::println);
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(NetworkConfig.defaults(shape), device, 0)) {
			// One epoch of warmup + repeats × iters full batches through the trainer, timed per iteration as it
			// reports them (no precise BN or validation inside the timed iterations).
			int steps = warmup + repeats * iters;
			long[] at = new long[steps + 1];
			try (GanomalyTrainer trainer = new GanomalyTrainer(nets, timedTraining(batch))) {
				trainer.train(trainingSamples(shape, steps * batch), null, new TrainingListener() {
					@Override
					public void started(GanomalyNetworks networks) {
						at[0] = System.nanoTime();
					}

					@Override
					public void iteration(Iteration report) {
						at[report.iteration()] = System.nanoTime();
					}
				});
			}
			List<Double> perIteration = new ArrayList<>();
			for (int r = 0; r < repeats; r++) {
				int from = warmup + r * iters;
				perIteration.add((at[from + iters] - at[from]) / 1e6 / iters);
			}
			emit("train", shape, batch, "ms_per_iteration", perIteration, device, "float32");
			for (String b : a.get("infer-batches", "64,512").split(",")) {
				int inferBatch = Integer.parseInt(b.trim());
				int images = Math.max(inferBatch, a.getInt("infer-images", 4096) / inferBatch * inferBatch);
				float[][] pool = new float[inferBatch][];
				for (int i = 0; i < inferBatch; i++) pool[i] = random(shape.sampleLength(), 100 + i);
				for (String precision : a.get("precisions", "float32").split(",")) {
					// Scores come back to the host: each timed run ends when the device's work has.
					BatchScorer scorer = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, inferBatch, false)
							.withPrecision(DataType.valueOf(precision.trim().toUpperCase(Locale.ROOT)));
					scorer.score(
							ScoringItem.numbered(cycle(pool, inferBatch * Math.max(1, warmup))),
							(i, item, s, r, m) -> {});
					List<Double> throughput = new ArrayList<>();
					for (int r = 0; r < repeats; r++) {
						long t0 = System.nanoTime();
						scorer.score(ScoringItem.numbered(cycle(pool, images)), (i, item, s, rr, m) -> {});
						throughput.add(images / ((System.nanoTime() - t0) / 1e9));
					}
					emit("infer", shape, inferBatch, "images_per_second", throughput, device, precision.trim());
				}
			}
		}
	}

	/** The image shape of --config SIZExCHANNELS (default 32x1). */
	static ImageShape shape(Args a) {
		String[] cfg = a.get("config", "32x1").split("x");
		return new ImageShape(Integer.parseInt(cfg[1]), Integer.parseInt(cfg[0]));
	}

	/** {@code count} seeded uniform samples in [-1, 1]: the timed training iterations' data. */
	static InMemorySampleSet trainingSamples(ImageShape shape, int count) {
		InMemorySampleSet data = new InMemorySampleSet(shape, count);
		for (int i = 0; i < count; i++) data.add(random(shape.sampleLength(), 1 + i));
		return data;
	}

	/**
	 * One epoch of plain iterations at {@code batch}: no precise BatchNorm and no weight averaging, so that nothing but
	 * training steps runs between the iterations timed.
	 */
	static TrainingConfig timedTraining(int batch) {
		return TrainingConfig.defaults().toBuilder()
				.batchSize(batch)
				.epochs(1)
				.preciseBatchNormBatches(0)
				.averagingHalfLife(0)
				.build();
	}

	static Iterator<float[]> cycle(float[][] pool, int count) {
		return new Iterator<>() {
			private int i;

			@Override
			public boolean hasNext() {
				return i < count;
			}

			@Override
			public float[] next() {
				return pool[i++ % pool.length];
			}
		};
	}

	static float[] random(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = (float) (random.nextDouble() * 2 - 1);
		return out;
	}

	private static void emit(
			String task,
			ImageShape shape,
			int batch,
			String unit,
			List<Double> values,
			DeviceRuntime device,
			String precision) {
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf(
				Locale.ROOT,
				"{\"impl\": \"java-djl\", \"task\": \"%s\", \"size\": %d, \"channels\": %d, \"batch\": %d, \"unit\": \"%s\", "
						+ "\"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"values\": %s, \"device\": \"%s\", \"threads\": %s, "
						+ "\"kernels\": \"%s\", \"precision\": \"%s\"}%n",
				task,
				shape.size(),
				shape.channels(),
				batch,
				unit,
				v[v.length / 2],
				v[0],
				v[v.length - 1],
				Arrays.toString(v),
				device.device(),
				System.getProperty("ai.djl.pytorch.num_threads", "default"),
				device.kernels().label(),
				precision);
	}

	/** --key value pairs. */
	static final class Args {
		private final java.util.Map<String, String> values = new java.util.HashMap<>();

		Args(String[] args) {
			for (int i = 0; i + 1 < args.length; i += 2) {
				if (!args[i].startsWith("--"))
					throw new IllegalArgumentException("Expected --key value, got " + args[i]);
				values.put(args[i].substring(2), args[i + 1]);
			}
		}

		String get(String key, String fallback) {
			return values.getOrDefault(key, fallback);
		}

		int getInt(String key, int fallback) {
			return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
		}
	}
}
