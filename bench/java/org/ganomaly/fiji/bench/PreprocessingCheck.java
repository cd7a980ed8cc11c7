package org.ganomaly.fiji.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Compares {@link MnistPreprocessing} with protocol.py's tensors dumped by bench/reference/dump_preprocessed.py
 * (the first N training then the first N test images of a split, raw little-endian float32). Exact comparison:
 * exit code 0 only when every value has the same bits.
 * <p>
 * Usage: PreprocessingCheck --idx-dir DIR --split FILE --dump FILE --n N [--size 32]
 */
public final class PreprocessingCheck {

	public static void main(String[] args) throws IOException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		IdxFiles.MnistLikeSet set = IdxFiles.load(Path.of(a.get("idx-dir", "bench/data/mnist")));
		SplitFile split = SplitFile.read(Path.of(a.get("split", null)));
		split.checkAgainst(set);
		int n = a.getInt("n", 300);
		int size = a.getInt("size", 32);
		int length = size * size;
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(Path.of(a.get("dump", null))))
				.order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.remaining() != 2L * n * length * 4)
			throw new IllegalArgumentException(
					"Dump holds " + bytes.remaining() + " bytes, expected " + 2L * n * length * 4);
		double maxDiff = 0;
		long differing = 0, compared = 0;
		int imagesDiffering = 0;
		for (int part = 0; part < 2; part++) {
			int[] indices = part == 0 ? split.train() : split.test();
			for (int k = 0; k < n; k++) {
				float[] mine = MnistPreprocessing.sample(set, indices[k], size);
				boolean any = false;
				for (int p = 0; p < length; p++) {
					float ref = bytes.getFloat();
					compared++;
					if (Float.floatToRawIntBits(ref) != Float.floatToRawIntBits(mine[p])) {
						differing++;
						any = true;
						maxDiff = Math.max(maxDiff, Math.abs((double) ref - mine[p]));
					}
				}
				if (any) imagesDiffering++;
			}
		}
		boolean ok = differing == 0;
		System.out.printf(
				Locale.ROOT,
				"preprocessing check %s: %d training + %d test images, %d values, "
						+ "%d differ (in %d images), max abs diff %.3g%n",
				ok ? "passed" : "FAILED",
				n,
				n,
				compared,
				differing,
				imagesDiffering,
				maxDiff);
		System.exit(ok ? 0 : 1);
	}
}
