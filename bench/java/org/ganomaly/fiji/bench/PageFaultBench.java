package org.ganomaly.fiji.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.ScoringItem;

/**
 * Scoring throughput beside the page faults it costs: the process's minor faults (first touches of fresh memory,
 * /proc/self/stat) per scored batch, repetition by repetition. Linux only. Prints one JSON object per repetition.
 * <p>
 * Usage: PageFaultBench --config 32x1 --batch 64 --images 2048 --reps 4
 */
public final class PageFaultBench {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		ImageShape shape = SpeedBench.shape(a);
		int batch = a.getInt("batch", 64);
		int images = a.getInt("images", 2048);
		DeviceRuntime device = DeviceChoice.parse("cpu").open(System.err::println);
		System.err.println(device.describe());
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(NetworkConfig.defaults(shape), device, 0)) {
			float[][] pool = new float[batch][];
			for (int i = 0; i < batch; i++) pool[i] = SpeedBench.random(shape.sampleLength(), 100 + i);
			BatchScorer scorer = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, batch, false);
			for (int rep = 0; rep < a.getInt("reps", 4); rep++) {
				long faults = minorFaults(), t0 = System.nanoTime();
				scorer.score(ScoringItem.numbered(SpeedBench.cycle(pool, images)), (i, item, s, r, m) -> {});
				double seconds = (System.nanoTime() - t0) / 1e9;
				System.out.printf(
						Locale.ROOT,
						"{\"config\": \"%s\", \"batch\": %d, \"rep\": %d, \"images_per_second\": %.1f, "
								+ "\"minor_faults_per_batch\": %.0f}%n",
						a.get("config", "32x1"),
						batch,
						rep,
						images / seconds,
						(minorFaults() - faults) * (double) batch / images);
			}
		}
	}

	/** Field 10 of /proc/self/stat: minor faults of the whole process so far. */
	private static long minorFaults() {
		try {
			String stat = Files.readString(Path.of("/proc/self/stat"));
			return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
