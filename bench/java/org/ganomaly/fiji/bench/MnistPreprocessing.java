package org.ganomaly.fiji.bench;

import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;

/**
 * The reference's MNIST preprocessing, as bench/reference/protocol.py does it (bench/README.md, "Preprocessing"):
 * PIL's BILINEAR {@code Resize(32)} of an 8-bit image, i.e. two separable passes (width first, then height), each
 * rounded to an integer, then {@code ToTensor()} and {@code Normalize(0.5, 0.5)}: x = (v/255 − 0.5)/0.5.
 * <p>
 * One pass from n to m values, for output o: s = max(0, (o + 0.5)·n/m − 0.5), i0 = ⌊s⌋, i1 = min(i0 + 1, n − 1),
 * w = s − i0, v = (1 − w)·p[i0] + w·p[i1], result ⌊v + 0.5⌋ clamped to 0..255. The last step runs in float32
 * as torch does, so the tensors are bit-identical to protocol.py's.
 */
public final class MnistPreprocessing {

	private MnistPreprocessing() {}

	/** Resizes a row-major h×w image of 0..255 integers to size×size the way PIL does (see class doc). */
	public static int[] resizeLikePil(int[] image, int h, int w, int size) {
		int[] rows = w == size ? image : new int[h * size];
		if (w != size) { // width pass
			for (int y = 0; y < h; y++) resample(image, y * w, 1, w, rows, y * size, 1, size);
		}
		if (h == size) return rows;
		int[] out = new int[size * size];
		for (int x = 0; x < size; x++) // height pass, column by column
		resample(rows, x, size, h, out, x, size, size);
		return out;
	}

	private static void resample(
			int[] src, int srcOffset, int srcStride, int n, int[] dst, int dstOffset, int dstStride, int m) {
		double scale = (double) n / m;
		for (int o = 0; o < m; o++) {
			double s = Math.max(0, (o + 0.5) * scale - 0.5);
			int i0 = (int) Math.floor(s);
			int i1 = Math.min(i0 + 1, n - 1);
			double wgt = s - i0;
			double v = (1 - wgt) * src[srcOffset + i0 * srcStride] + wgt * src[srcOffset + i1 * srcStride];
			int r = (int) Math.floor(v + 0.5);
			dst[dstOffset + o * dstStride] = Math.max(0, Math.min(255, r));
		}
	}

	/** 0..255 integer → network input in [-1, 1], in float32 exactly as {@code (v/255 − 0.5)/0.5} in torch. */
	public static float toNetwork(int value) {
		float x = (float) value / 255f;
		return (x - 0.5f) / 0.5f;
	}

	/** One image of the set, resized and normalised: size×size floats. */
	public static float[] sample(IdxFiles.MnistLikeSet set, int index, int size) {
		int[] resized = resizeLikePil(set.image(index), set.height(), set.width(), size);
		float[] out = new float[resized.length];
		for (int i = 0; i < out.length; i++) out[i] = toNetwork(resized[i]);
		return out;
	}

	/** The given images of the set, in order, as a sample set of size×size grey images. */
	public static InMemorySampleSet sampleSet(IdxFiles.MnistLikeSet set, int[] indices, int size) {
		InMemorySampleSet out = new InMemorySampleSet(new ImageShape(1, size), Math.max(1, indices.length));
		for (int i : indices) out.add(sample(set, i, size));
		return out;
	}
}
