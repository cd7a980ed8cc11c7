package org.ganomaly.fiji.core.data;

/** A view of chosen samples of another set, in the given order (no copying). */
public final class SampleSubset implements SampleSet {

	private final SampleSet source;
	private final int[] indices;

	public SampleSubset(SampleSet source, int[] indices) {
		for (int i : indices)
			if (i < 0 || i >= source.size())
				throw new IndexOutOfBoundsException("Sample " + i + " of " + source.size());
		this.source = source;
		this.indices = indices.clone();
	}

	@Override
	public ImageShape shape() {
		return source.shape();
	}

	@Override
	public int size() {
		return indices.length;
	}

	@Override
	public void copyTo(int index, float[] dst, int offset) {
		source.copyTo(indices[index], dst, offset);
	}
}
