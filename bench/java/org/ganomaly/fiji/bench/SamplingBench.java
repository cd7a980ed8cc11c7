package org.ganomaly.fiji.bench;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.image.ImageSampleSet;

/**
 * Sampling alone, without a network: every sample of three ImagePlus inputs copied out as the scorer reads them
 * ({@link ImageSampleSet#copyTo}), timed (best and median of the repeats) with a hash of all sample values, so two
 * revisions can be compared for speed and for identical samples. Inputs: 20,000 8-bit 32×32 planes resized to 32
 * (as bench/stack.sh), 64 16-bit 512×512 planes in 32-pixel tiles at stride 16, and the same planes as a virtual
 * stack made on demand. Usage: SamplingBench [--repeats 5]
 */
public final class SamplingBench {

	public static void main(String[] args) {
		int repeats = new SpeedBench.Args(args).getInt("repeats", 5);
		run(
				"8-bit stack, resize",
				bytes(20_000, 32),
				new ImageShape(1, 32),
				Sampling.resize(),
				IntensityRange.BYTE,
				repeats);
		IntensityRange wide = new IntensityRange(0, 65535);
		run("16-bit stack, tiles", shorts(64, 512, false), new ImageShape(1, 32), Sampling.tile(16), wide, repeats);
		run(
				"16-bit virtual stack, tiles",
				shorts(64, 512, true),
				new ImageShape(1, 32),
				Sampling.tile(16),
				wide,
				repeats);
	}

	private static void run(
			String input, ImagePlus imp, ImageShape shape, Sampling sampling, IntensityRange range, int repeats) {
		double[] seconds = new double[repeats];
		long hash = 0;
		int samples = 0;
		for (int r = 0; r < repeats; r++) {
			long t0 = System.nanoTime();
			ImageSampleSet set = ImageSampleSet.of(imp, shape, sampling, range);
			float[] sample = new float[shape.sampleLength()];
			hash = 1;
			for (int i = 0; i < set.size(); i++) {
				set.copyTo(i, sample, 0);
				hash = 31 * hash + Arrays.hashCode(sample);
			}
			samples = set.size();
			seconds[r] = (System.nanoTime() - t0) / 1e9;
		}
		double[] sorted = seconds.clone();
		Arrays.sort(sorted);
		System.out.printf(
				Locale.ROOT,
				"{\"task\": \"sampling\", \"input\": \"%s\", \"samples\": %d, \"best_seconds\": %.3f, "
						+ "\"median_seconds\": %.3f, \"samples_per_second\": %.0f, \"hash\": \"%016x\"}%n",
				input,
				samples,
				sorted[0],
				sorted[repeats / 2],
				samples / sorted[0],
				hash);
	}

	private static ImagePlus bytes(int planes, int size) {
		SplittableRandom random = new SplittableRandom(1);
		ImageStack stack = new ImageStack(size, size);
		for (int n = 0; n < planes; n++) {
			byte[] pixels = new byte[size * size];
			for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) random.nextInt(256);
			stack.addSlice("p" + n, new ByteProcessor(size, size, pixels));
		}
		return new ImagePlus("bytes", stack);
	}

	private static ImagePlus shorts(int planes, int size, boolean virtual) {
		if (!virtual) {
			ImageStack stack = new ImageStack(size, size);
			for (int n = 1; n <= planes; n++) stack.addSlice("p" + n, shortPlane(n, size));
			return new ImagePlus("shorts", stack);
		}
		return new ImagePlus("virtual", new VirtualStack(size, size, null, null) {
			@Override
			public int getSize() {
				return planes;
			}

			@Override
			public String getSliceLabel(int n) {
				return "p" + n;
			}

			@Override
			public ImageProcessor getProcessor(int n) {
				return shortPlane(n, size);
			}
		});
	}

	private static ShortProcessor shortPlane(int n, int size) {
		SplittableRandom random = new SplittableRandom(n);
		short[] pixels = new short[size * size];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (short) random.nextInt(65536);
		return new ShortProcessor(size, size, pixels, null);
	}
}
