package org.ganomaly.fiji.core.data;

/**
 * A random-access set of network-ready samples: each sample is {@link ImageShape#sampleLength()} floats in
 * channel-major order (c, y, x) already scaled to the network's range [-1, 1].
 */
public interface SampleSet {

	ImageShape shape();

	int size();

	/** Copies sample {@code index} into {@code dst} starting at {@code offset}. */
	void copyTo(int index, float[] dst, int offset);
}
