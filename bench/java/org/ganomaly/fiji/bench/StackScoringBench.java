package org.ganomaly.fiji.bench;

import ij.ImagePlus;
import ij.ImageStack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.image.ImageSampleSet;

/**
 * Scores a large 8-bit 32×32 stack end to end from an ImagePlus (conversion included) and reports the time, the
 * peak Java heap and the peak resident memory, for a small and a large stack in one process: if scoring streams,
 * the peaks grow with the stack's own pixels only, not with what scoring keeps.
 * Usage: StackScoringBench --images 100000 --small 10000 --batch 512
 */
public final class StackScoringBench {

	public static void main(String[] args) throws Exception {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int batch = a.getInt("batch", 512);
		ImageShape shape = new ImageShape(1, 32);
		try (GanomalyNetworks nets =
				GanomalyNetworks.initialized(NetworkConfig.defaults(shape), DeviceRuntime.cpu(), 0)) {
			for (int images : new int[] {a.getInt("small", 10_000), a.getInt("images", 100_000)}) {
				ImagePlus stack = stack(images);
				System.gc();
				resetPeaks();
				long heapBefore = usedHeap();
				long t0 = System.nanoTime();
				ImageSampleSet set = ImageSampleSet.of(stack, shape, Sampling.resize(), IntensityRange.BYTE);
				double[] scores = new double[set.size()];
				int n = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, batch, false)
						.score(BatchScorer.iterate(set), (i, item, s, r, m) -> scores[i] = s.latent());
				double seconds = (System.nanoTime() - t0) / 1e9;
				System.out.printf(
						Locale.ROOT,
						"{\"impl\": \"java-djl\", \"task\": \"score-stack\", \"images\": %d, \"batch\": %d, \"seconds\": %.2f, "
								+ "\"images_per_second\": %.1f, \"stack_mb\": %.1f, \"heap_before_mb\": %.1f, "
								+ "\"peak_heap_mb\": %.1f, \"peak_rss_mb\": %.1f}%n",
						n,
						batch,
						seconds,
						n / seconds,
						images * 1024 / 1e6,
						heapBefore / 1e6,
						peakHeap() / 1e6,
						peakRss() / 1e6);
			}
		}
	}

	private static ImagePlus stack(int images) {
		SyntheticImages source = new SyntheticImages(32, 1);
		ImageStack stack = new ImageStack(32, 32);
		for (int i = 0; i < images; i++) {
			float[] image = source.next(SyntheticImages.Kind.BLOBS);
			byte[] pixels = new byte[image.length];
			for (int p = 0; p < image.length; p++) pixels[p] = (byte) Math.round(image[p]);
			stack.addSlice("image " + (i + 1), pixels);
		}
		return new ImagePlus("bench", stack);
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long peakHeap() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
		return sum;
	}

	/** VmHWM: the process's peak resident set since it started (Linux). */
	private static long peakRss() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status")))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
		return -1;
	}
}
