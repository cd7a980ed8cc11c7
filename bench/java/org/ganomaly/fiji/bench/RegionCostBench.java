package org.ganomaly.fiji.bench;

import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;

/**
 * What the region columns cost Score Stack: a model with a pixel calibration makes the scorer return maps (and
 * reconstructions) for every sample and label each map's regions. Scores the same in-memory samples with scores
 * only, and with maps and region labelling as Score Stack does then, in rounds in one process (after a warm-up of
 * both, each round in the other order), and prints the throughput of each and their ratio.
 * Usage: RegionCostBench [--images 20000] [--size 32] [--rounds 3]
 */
public final class RegionCostBench {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int images = a.getInt("images", 20_000), size = a.getInt("size", 32), rounds = a.getInt("rounds", 3);
		ImageShape shape = new ImageShape(1, size);
		InMemorySampleSet set = new SyntheticImages(size, 1).sampleSet(SyntheticImages.Kind.BLOBS, images);
		double[] seconds = new double[2];
		try (GanomalyNetworks nets =
				GanomalyNetworks.initialized(NetworkConfig.defaults(shape), DeviceRuntime.cpu(), 0)) {
			BatchScorer scoresOnly = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, 512, false);
			BatchScorer withMaps = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, 512, true);
			long[] regions = {0};
			BatchScorer.Sink<Integer> regionCount = (i, item, s, r, m) ->
					regions[0] += MapRegions.of(m, size, 0.1, 1).count();
			scoresOnly.score(BatchScorer.iterate(set), (i, item, s, r, m) -> {}); // warm-up, both paths
			withMaps.score(BatchScorer.iterate(set), regionCount);
			// Alternate which goes first, so that neither always runs on a warmer (or hotter) machine.
			for (int round = 0; round < rounds; round++)
				for (int k = 0; k < 2; k++) {
					boolean maps = (round + k) % 2 == 1;
					long t0 = System.nanoTime();
					if (maps) withMaps.score(BatchScorer.iterate(set), regionCount);
					else scoresOnly.score(BatchScorer.iterate(set), (i, item, s, r, m) -> {});
					seconds[maps ? 1 : 0] += (System.nanoTime() - t0) / 1e9;
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
