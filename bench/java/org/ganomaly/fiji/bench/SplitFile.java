package org.ganomaly.fiji.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A split file in the {@code ganomaly-split 1} format written by bench/reference/protocol.py (see bench/README.md):
 * header "key value" lines, then {@code train T} and T indices, then {@code test M} and M "index label" lines
 * (label 1 = abnormal), then {@code end}. Unknown header keys are kept and otherwise ignored.
 */
public record SplitFile(Map<String, String> meta, int[] train, int[] test, boolean[] testAbnormal) {

	public static final String FORMAT = "ganomaly-split 1";

	public static SplitFile read(Path path) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
			String first = in.readLine();
			if (!FORMAT.equals(first)) throw new IOException(path + ": not a split file (first line '" + first + "')");
			Map<String, String> meta = new LinkedHashMap<>();
			String line;
			while (true) {
				line = in.readLine();
				if (line == null) throw new IOException(path + ": no 'train' line");
				if (line.startsWith("train ")) break;
				int space = line.indexOf(' ');
				if (space <= 0) throw new IOException(path + ": bad header line '" + line + "'");
				meta.put(line.substring(0, space), line.substring(space + 1));
			}
			int[] train = new int[count(path, line, "train")];
			for (int i = 0; i < train.length; i++)
				train[i] = Integer.parseInt(next(in, path).trim());
			line = next(in, path);
			if (!line.startsWith("test "))
				throw new IOException(path + ": expected the 'test' line, got '" + line + "'");
			int m = count(path, line, "test");
			int[] test = new int[m];
			boolean[] abnormal = new boolean[m];
			for (int i = 0; i < m; i++) {
				String[] parts = next(in, path).trim().split(" ");
				if (parts.length != 2) throw new IOException(path + ": bad test line " + i);
				test[i] = Integer.parseInt(parts[0]);
				int label = Integer.parseInt(parts[1]);
				if (label != 0 && label != 1)
					throw new IOException(path + ": test label " + label + " is neither 0 nor 1");
				abnormal[i] = label == 1;
			}
			if (!"end".equals(in.readLine())) throw new IOException(path + ": truncated split file (no 'end')");
			return new SplitFile(Collections.unmodifiableMap(meta), train, test, abnormal);
		}
	}

	/** Checks that the split was made for {@code set}: same image count, no abnormal class in training. */
	public void checkAgainst(IdxFiles.MnistLikeSet set) {
		String n = meta.get("n_images");
		if (n != null && Integer.parseInt(n) != set.count())
			throw new IllegalArgumentException("Split was made for " + n + " images; the set holds " + set.count());
		for (int i : train)
			if (i < 0 || i >= set.count())
				throw new IllegalArgumentException("Training index " + i + " outside the set");
		for (int i : test)
			if (i < 0 || i >= set.count()) throw new IllegalArgumentException("Test index " + i + " outside the set");
		String abn = meta.get("abnormal");
		if (abn != null) {
			int a = Integer.parseInt(abn);
			for (int i : train)
				if (set.labels()[i] == a)
					throw new IllegalArgumentException("Training image " + i + " has the abnormal label " + a);
			for (int k = 0; k < test.length; k++)
				if ((set.labels()[test[k]] == a) != testAbnormal[k])
					throw new IllegalArgumentException("Test label of image " + test[k] + " does not match the set");
		}
	}

	public int abnormalCount() {
		int c = 0;
		for (boolean b : testAbnormal) if (b) c++;
		return c;
	}

	private static int count(Path path, String line, String key) throws IOException {
		try {
			int n = Integer.parseInt(line.substring(key.length() + 1).trim());
			if (n < 0) throw new NumberFormatException();
			return n;
		} catch (NumberFormatException e) {
			throw new IOException(path + ": bad count line '" + line + "'");
		}
	}

	private static String next(BufferedReader in, Path path) throws IOException {
		String line = in.readLine();
		if (line == null) throw new IOException(path + ": truncated split file");
		return line;
	}
}
