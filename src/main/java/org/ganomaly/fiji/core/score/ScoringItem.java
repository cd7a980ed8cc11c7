package org.ganomaly.fiji.core.score;

import java.util.Iterator;

/**
 * A sample to score and what identifies it: {@code data} in network units (CHW) and the caller's {@code meta} (an
 * index, a file and position...), which comes back to the sink with the score, so that no side queue has to pair
 * them up across the scorer's reading thread.
 */
public record ScoringItem<M>(float[] data, M meta) {

	/** Samples identified by their place in the sequence (0, 1, ...). */
	public static Iterator<ScoringItem<Integer>> numbered(Iterator<float[]> samples) {
		return new Iterator<>() {
			private int next;

			@Override
			public boolean hasNext() {
				return samples.hasNext();
			}

			@Override
			public ScoringItem<Integer> next() {
				return new ScoringItem<>(samples.next(), next++);
			}
		};
	}
}
