package org.ganomaly.fiji.core.data;

import java.util.Arrays;

/** A {@link SampleSet} held in one growable float array. */
public final class InMemorySampleSet implements SampleSet {

	private final ImageShape shape;
	private float[] data;
	private int size;

	public InMemorySampleSet(ImageShape shape) {
		this(shape, 16);
	}

	public InMemorySampleSet(ImageShape shape, int initialCapacity) {
		this.shape = shape;
		this.data = new float[Math.max(1, initialCapacity) * shape.sampleLength()];
	}

	/** Appends a copy of {@code sample}, which must hold exactly one sample. */
	public void add(float[] sample) {
		int n = shape.sampleLength();
		if (sample.length != n)
			throw new IllegalArgumentException(
					"Sample has " + sample.length + " values; " + shape + " needs " + n + ".");
		if ((long) (size + 1) * n > data.length) {
			long grown = Math.max((long) data.length * 2, (long) (size + 1) * n);
			if (grown > Integer.MAX_VALUE - 8)
				throw new IllegalStateException(
						"Too many samples for one in-memory set (" + size + " of " + shape + ").");
			data = Arrays.copyOf(data, (int) grown);
		}
		System.arraycopy(sample, 0, data, size * n, n);
		size++;
	}

	@Override
	public ImageShape shape() {
		return shape;
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public void copyTo(int index, float[] dst, int offset) {
		if (index < 0 || index >= size) throw new IndexOutOfBoundsException("Sample " + index + " of " + size);
		int n = shape.sampleLength();
		System.arraycopy(data, index * n, dst, offset, n);
	}
}
