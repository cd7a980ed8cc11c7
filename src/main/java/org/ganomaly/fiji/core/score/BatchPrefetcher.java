package org.ganomaly.fiji.core.score;

import org.ganomaly.fiji.core.data.ImageShape;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fills the next batch of samples on a background thread while the current one runs through the network, so
 * reading and converting images overlaps with computing. At most two batches exist at once: memory stays
 * bounded by the batch size. The source iterator is only ever touched by the background thread.
 */
final class BatchPrefetcher implements AutoCloseable {

	/** A filled batch: {@code count} samples in {@code data}; count 0 marks the end. */
	record Batch(float[] data, int count, RuntimeException error) {
	}

	private final BlockingQueue<Batch> filled = new ArrayBlockingQueue<>(1);
	private final BlockingQueue<float[]> free = new ArrayBlockingQueue<>(2);
	private final Thread worker;

	BatchPrefetcher(Iterator<float[]> samples, int batchSize, ImageShape shape) {
		free.add(new float[batchSize * shape.sampleLength()]);
		free.add(new float[batchSize * shape.sampleLength()]);
		worker = new Thread(() -> fill(samples, batchSize, shape), "GANomaly batch reader");
		worker.setDaemon(true);
		worker.start();
	}

	private void fill(Iterator<float[]> samples, int batchSize, ImageShape shape) {
		int length = shape.sampleLength();
		try {
			int index = 0;
			while (true) {
				float[] buffer = free.take();
				int n = 0;
				try {
					while (n < batchSize && samples.hasNext()) {
						float[] sample = samples.next();
						if (sample.length != length)
							throw new IllegalArgumentException("Sample " + index + " has " + sample.length
								+ " values; the model takes " + shape + " images (" + length + " values).");
						System.arraycopy(sample, 0, buffer, n * length, length);
						n++;
						index++;
					}
				} catch (RuntimeException e) {
					filled.put(new Batch(buffer, 0, e));
					return;
				}
				filled.put(new Batch(buffer, n, null));
				if (n == 0)
					return;
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The next batch (count 0 at the end); rethrows what reading the samples threw. */
	Batch next() throws InterruptedException {
		Batch batch = filled.take();
		if (batch.error() != null)
			throw batch.error();
		return batch;
	}

	/** Hands a batch's buffer back for refilling. */
	void recycle(Batch batch) {
		free.add(batch.data());
	}

	@Override
	public void close() {
		worker.interrupt();
	}
}
