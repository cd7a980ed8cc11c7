package org.ganomaly.fiji.demo;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;

/**
 * 8-bit stacks of {@link SyntheticImages} whose slice labels tell normal from abnormal: "normal-0001",
 * "defect-stripes-0001", "defect-scratch-0001" (so ROC Evaluation's default pattern "defect|abnormal" finds the
 * anomalies).
 */
public final class DemoImages {

	private DemoImages() {}

	/** {@code count} normal images. */
	public static ImagePlus normals(String title, int size, int count, long seed) {
		return mixed(title, size, count, 0, 0, seed);
	}

	/** Normal images, stripes and scratched blobs, shuffled (seeded). */
	public static ImagePlus mixed(String title, int size, int normals, int stripes, int scratched, long seed) {
		SyntheticImages images = new SyntheticImages(size, seed);
		List<String> labels = new ArrayList<>();
		List<float[]> pixels = new ArrayList<>();
		add(images, Kind.BLOBS, normals, "normal-", labels, pixels);
		add(images, Kind.STRIPES, stripes, "defect-stripes-", labels, pixels);
		add(images, Kind.SCRATCHED, scratched, "defect-scratch-", labels, pixels);
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) order.add(i);
		if (stripes + scratched > 0) Collections.shuffle(order, new Random(seed));
		ImageStack stack = new ImageStack(size, size);
		for (int i : order) {
			ByteProcessor slice = new ByteProcessor(size, size);
			float[] values = pixels.get(i);
			for (int p = 0; p < values.length; p++) slice.set(p, Math.round(values[p]));
			stack.addSlice(labels.get(i), slice);
		}
		return new ImagePlus(title, stack);
	}

	private static void add(
			SyntheticImages images, Kind kind, int count, String prefix, List<String> labels, List<float[]> pixels) {
		for (int i = 1; i <= count; i++) {
			labels.add(String.format("%s%04d", prefix, i));
			pixels.add(images.next(kind));
		}
	}
}
