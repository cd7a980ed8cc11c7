package org.ganomaly.fiji.bench;

import ai.djl.Device;
import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.GanomalyScorer;

/**
 * What the region columns cost Score Stack: a model with a pixel calibration makes the scorer return maps (and
 * reconstructions) for every sample and label each map's regions. Scores the same in-memory samples with scores
 * only, and with maps and region labelling as Score Stack does then, alternating the two in rounds in one process,
 * and prints the throughput of each and their ratio.
 * Usage: RegionCostBench [--images 20000] [--size 32] [--rounds 3]
 */
public final class RegionCostBench {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int images = a.getInt("images", 20_000), size = a.getInt("size", 32), rounds = a.getInt("rounds", 3);
		ImageShape shape = new ImageShape(1, size);
		InMemorySampleSet set = new SyntheticImages(size, 1).sampleSet(SyntheticImages.Kind.BLOBS, images);
		double[] seconds = new double[2];
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(NetworkConfig.defaults(shape), Device.cpu(), 0)) {
			GanomalyScorer scoresOnly = new GanomalyScorer(nets, BatchNormMode.RUNNING_STATISTICS, 512, false);
			GanomalyScorer withMaps = new GanomalyScorer(nets, BatchNormMode.RUNNING_STATISTICS, 512, true);
			long[] regions = {0};
			scoresOnly.score(GanomalyScorer.iterate(set), (i, item, s, r, m) -> {}); // warm-up
			for (int round = 0; round < rounds; round++) {
				long t0 = System.nanoTime();
				scoresOnly.score(GanomalyScorer.iterate(set), (i, item, s, r, m) -> {});
				long t1 = System.nanoTime();
				withMaps.score(
						GanomalyScorer.iterate(set),
						(i, item, s, r, m) ->
								regions[0] += MapRegions.of(m, size, 0.1, 1).count());
				long t2 = System.nanoTime();
				seconds[0] += (t1 - t0) / 1e9;
				seconds[1] += (t2 - t1) / 1e9;
			}
		}
		double plain = rounds * images / seconds[0], maps = rounds * images / seconds[1];
		System.out.printf(
				Locale.ROOT,
				"{\"size\": %d, \"images\": %d, \"rounds\": %d, \"scores_only_per_second\": %.1f, "
						+ "\"with_maps_and_regions_per_second\": %.1f, \"ratio\": %.3f}%n",
				size,
				images,
				rounds,
				plain,
				maps,
				maps / plain);
	}
}
