package org.ganomaly.fiji.core.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ganomaly.fiji.core.data.ImageShape;

/**
 * Fills the next batch of samples on a background thread while the current one runs through the network, so
 * reading and converting images overlaps with computing. At most two batches exist at once: memory stays
 * bounded by the batch size. The source iterator is only ever touched by the background thread; the items it yields
 * travel with their batch, so their metadata reaches the scoring thread through the same hand-over as their data.
 * <p>
 * Nothing the reader does can leave the scoring thread waiting for good: whatever it throws (an OutOfMemoryError
 * on a large image included) is handed over as the batch's error, a reader that ended without a word is noticed,
 * and a wait for a reader stuck in I/O ends when the run is cancelled.
 */
final class BatchPrefetcher<M> implements AutoCloseable {

	/** How often a wait for the reader asks whether the run was cancelled or the reader is gone. */
	private static final long POLL_MILLIS = 50;
	/**
	 * How long closing waits for the reader to stop. An interrupted reader stops within its sample; one blocked in
	 * I/O that ignores interrupts is left behind (a daemon thread that stops once the read returns) rather than
	 * hanging the caller.
	 */
	static final long JOIN_MILLIS = 5_000;

	/** A filled batch: the items, their data one after another in {@code data}; no items marks the end. */
	record Batch<M>(float[] data, List<ScoringItem<M>> items, Throwable error) {
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
				} catch (Throwable e) { // an Error too: the scoring thread must hear of it, or it waits for good
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

	/**
	 * The next batch (count 0 at the end), or null once {@code cancelled} says so while waiting for it.
	 *
	 * @throws RuntimeException what reading the samples threw; an Error as an IllegalStateException naming it
	 */
	Batch<M> next(BooleanSupplier cancelled) throws InterruptedException {
		while (true) {
			Batch<M> batch = filled.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
			if (batch == null && !worker.isAlive()) batch = filled.poll(); // it may have put one as it ended
			if (batch != null) {
				if (batch.error() != null) throw failure(batch.error());
				return batch;
			}
			if (!worker.isAlive())
				throw new IllegalStateException("The thread reading the images ended without a result.");
			if (cancelled.getAsBoolean()) return null;
		}
	}

	private static RuntimeException failure(Throwable error) {
		if (error instanceof RuntimeException e) return e;
		String advice = error instanceof OutOfMemoryError
				? " Give Fiji more memory (Edit > Options > Memory & Threads), or score with a smaller batch size."
				: "";
		return new IllegalStateException("Reading the images failed: " + error + "." + advice, error);
	}

	/** Hands a batch's buffer back for refilling. */
	void recycle(Batch<M> batch) {
		free.add(batch.data());
	}

	/** Stops the reader and waits for it, at most {@link #JOIN_MILLIS}. */
	@Override
	public void close() {
		worker.interrupt();
		try {
			worker.join(JOIN_MILLIS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
