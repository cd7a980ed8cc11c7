package org.ganomaly.fiji.core.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.ganomaly.fiji.core.data.ImageShape;

/**
 * Fills the next batch of samples on a background thread while the current one runs through the network, so
 * reading and converting images overlaps with computing. At most two batches exist at once: memory stays
 * bounded by the batch size. The source iterator is only ever touched by the background thread; the items it yields
 * travel with their batch, so their metadata reaches the scoring thread through the same hand-over as their data.
 */
final class BatchPrefetcher<M> implements AutoCloseable {

	/** A filled batch: the items, their data one after another in {@code data}; no items marks the end. */
	record Batch<M>(float[] data, List<ScoringItem<M>> items, RuntimeException error) {
		int count() {
			return items.size();
		}
	}

	private final BlockingQueue<Batch<M>> filled = new ArrayBlockingQueue<>(1);
	private final BlockingQueue<float[]> free = new ArrayBlockingQueue<>(2);
	private final Thread worker;

	BatchPrefetcher(Iterator<ScoringItem<M>> samples, int batchSize, ImageShape shape) {
		free.add(new float[batchSize * shape.sampleLength()]);
		free.add(new float[batchSize * shape.sampleLength()]);
		worker = new Thread(() -> fill(samples, batchSize, shape), "GANomaly batch reader");
		worker.setDaemon(true);
		worker.start();
	}

	private void fill(Iterator<ScoringItem<M>> samples, int batchSize, ImageShape shape) {
		int length = shape.sampleLength();
		try {
			int index = 0;
			while (true) {
				float[] buffer = free.take();
				List<ScoringItem<M>> items = new ArrayList<>(batchSize);
				try {
					// An interrupt (the scorer closed: cancelled or failed) stops reading within the batch.
					while (items.size() < batchSize && !Thread.currentThread().isInterrupted() && samples.hasNext()) {
						ScoringItem<M> item = samples.next();
						float[] sample = item.data();
						if (sample.length != length)
							throw new IllegalArgumentException("Sample " + index + " has " + sample.length
									+ " values; the model takes " + shape + " images (" + length + " values).");
						System.arraycopy(sample, 0, buffer, items.size() * length, length);
						items.add(item);
						index++;
					}
				} catch (RuntimeException e) {
					filled.put(new Batch<>(buffer, List.of(), e));
					return;
				}
				filled.put(new Batch<>(buffer, items, null));
				if (items.isEmpty()) return;
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The next batch (count 0 at the end); rethrows what reading the samples threw. */
	Batch<M> next() throws InterruptedException {
		Batch<M> batch = filled.take();
		if (batch.error() != null) throw batch.error();
		return batch;
	}

	/** Hands a batch's buffer back for refilling. */
	void recycle(Batch<M> batch) {
		free.add(batch.data());
	}

	@Override
	public void close() {
		worker.interrupt();
	}
}
