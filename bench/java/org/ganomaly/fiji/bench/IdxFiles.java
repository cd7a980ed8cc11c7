package org.ganomaly.fiji.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST container format) holding unsigned bytes, and MNIST-like sets of four such files
 * (MNIST, Fashion-MNIST and KMNIST use the same names), like bench/reference/idx.py.
 * <p>
 * An IDX file: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions, one big-endian
 * uint32 per dimension, then the data in C order. A file named {@code name.gz} is read when {@code name} is
 * absent.
 */
public final class IdxFiles {

	public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
	public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
	public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
	public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

	private IdxFiles() {}

	/** The contents of one unsigned-byte IDX file: its dimensions and its values in C order. */
	public record UByteArray(int[] dims, byte[] data) {

		public int count() {
			return dims[0];
		}

		/** Values per first-axis entry (H·W for images, 1 for labels). */
		public int stride() {
			int s = 1;
			for (int i = 1; i < dims.length; i++) s *= dims[i];
			return s;
		}

		public int value(int flatIndex) {
			return data[flatIndex] & 0xFF;
		}
	}

	/**
	 * A set's train-file images followed by its test-file images (as idx.py's load_set), with their labels.
	 * Split-file indices point into this concatenation.
	 */
	public record MnistLikeSet(int count, int trainFileCount, int height, int width, byte[] pixels, int[] labels) {

		/** Image {@code index} as 0..255 values, row-major height×width. */
		public int[] image(int index) {
			if (index < 0 || index >= count) throw new IndexOutOfBoundsException("Image " + index + " of " + count);
			int n = height * width;
			int[] out = new int[n];
			for (int i = 0; i < n; i++) out[i] = pixels[index * n + i] & 0xFF;
			return out;
		}
	}

	public static UByteArray read(Path file) throws IOException {
		Path actual = file;
		if (!Files.exists(actual) && Files.exists(Path.of(file + ".gz"))) actual = Path.of(file + ".gz");
		try (InputStream raw = Files.newInputStream(actual);
				DataInputStream in = new DataInputStream(
						actual.toString().endsWith(".gz")
								? new GZIPInputStream(raw, 1 << 16)
								: new java.io.BufferedInputStream(raw, 1 << 16))) {
			int zero = in.readUnsignedShort();
			int type = in.readUnsignedByte();
			int ndim = in.readUnsignedByte();
			if (zero != 0 || type != 0x08 || ndim < 1)
				throw new IOException(actual + ": not an unsigned-byte IDX file (magic " + zero + ", type " + type
						+ ", " + ndim + " dimensions)");
			int[] dims = new int[ndim];
			long total = 1;
			for (int i = 0; i < ndim; i++) {
				dims[i] = in.readInt();
				if (dims[i] < 0) throw new IOException(actual + ": dimension " + i + " is too large");
				total *= dims[i];
			}
			if (total > Integer.MAX_VALUE - 8)
				throw new IOException(actual + ": " + total + " values do not fit one array");
			byte[] data = new byte[(int) total];
			in.readFully(data);
			if (in.read() != -1) throw new IOException(actual + ": more data than the header's " + total + " values");
			return new UByteArray(dims, data);
		}
	}

	/** The four files of an MNIST-like set in {@code dir}, concatenated train file first. */
	public static MnistLikeSet load(Path dir) throws IOException {
		UByteArray trX = read(dir.resolve(TRAIN_IMAGES)), trY = read(dir.resolve(TRAIN_LABELS));
		UByteArray teX = read(dir.resolve(TEST_IMAGES)), teY = read(dir.resolve(TEST_LABELS));
		if (trX.dims().length != 3
				|| teX.dims().length != 3
				|| trX.dims()[1] != teX.dims()[1]
				|| trX.dims()[2] != teX.dims()[2])
			throw new IOException(dir + ": expected N×H×W images of one size in both files");
		if (trY.dims().length != 1
				|| teY.dims().length != 1
				|| trX.count() != trY.count()
				|| teX.count() != teY.count()) throw new IOException(dir + ": image and label counts differ");
		int count = trX.count() + teX.count();
		byte[] pixels = new byte[trX.data().length + teX.data().length];
		System.arraycopy(trX.data(), 0, pixels, 0, trX.data().length);
		System.arraycopy(teX.data(), 0, pixels, trX.data().length, teX.data().length);
		int[] labels = new int[count];
		for (int i = 0; i < trY.count(); i++) labels[i] = trY.value(i);
		for (int i = 0; i < teY.count(); i++) labels[trY.count() + i] = teY.value(i);
		return new MnistLikeSet(count, trX.count(), trX.dims()[1], trX.dims()[2], pixels, labels);
	}
}
