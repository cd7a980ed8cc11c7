package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Thousands of samples through the real prefetcher, with a source and a sink that are slow at odd moments: each
 * result reaches the sink with its own sample's data and metadata, in order, and cancellation, asked on the caller's
 * thread, stops the run between batches and ends the reading thread.
 */
public class ScoringPipelineTest {

	private static final int SAMPLES = 3000;
	private static final int PATTERNS = 97;
	private static final ImageShape SHAPE = new ImageShape(1, 16);

	private static GanomalyNetworks networks;
	/** The latent score of each pattern, scored alone. */
	private static double[] alone;

	@BeforeClass
	public static void networksAndReferenceScores() {
		networks = GanomalyNetworks.initialized(new NetworkConfig(SHAPE, 8, 4, 0), DeviceRuntime.cpu(), 3);
		alone = new double[PATTERNS];
		BatchScorer one = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 1, false);
		for (int p = 0; p < PATTERNS; p++) {
			int pattern = p;
			one.score(
					ScoringItem.numbered(List.of(pattern(pattern)).iterator()),
					(i, item, s, r, m) -> alone[pattern] = s.latent());
		}
	}

	@AfterClass
	public static void close() {
		networks.close();
	}

	/** A sample that differs for each pattern number. */
	private static float[] pattern(int p) {
		float[] data = new float[SHAPE.sampleLength()];
		for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(0.05 * (p + 1) * i + p);
		return data;
	}

	/** Samples 0, 1, ... of the patterns in turn, their number as metadata; now and then it pauses. */
	private static Iterator<ScoringItem<Integer>> slowSource(int count) {
		return new Iterator<>() {
			private int next;

			@Override
			public boolean hasNext() {
				return next < count;
			}

			@Override
			public ScoringItem<Integer> next() {
				if (next % 7 == 0) LockSupport.parkNanos(200_000);
				int n = next++;
				return new ScoringItem<>(pattern(n % PATTERNS), n);
			}
		};
	}

	@Test
	public void everyResultArrivesWithItsOwnSampleInOrder() {
		List<Integer> seen = new ArrayList<>();
		Thread caller = Thread.currentThread();
		int scored = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 32, true)
				.score(slowSource(SAMPLES), (index, item, score, reconstruction, map) -> {
					assertSame("the sink runs on the caller's thread", caller, Thread.currentThread());
					int n = item.meta();
					assertEquals("index and metadata", index, n);
					assertEquals("the item's own data", pattern(n % PATTERNS)[5], item.data()[5], 0f);
					assertEquals(
							"sample " + n + "'s score is its pattern's",
							alone[n % PATTERNS],
							score.latent(),
							1e-6 * Math.max(1, alone[n % PATTERNS]));
					assertEquals(SHAPE.sampleLength(), reconstruction.length);
					if (n % 11 == 0) LockSupport.parkNanos(300_000);
					seen.add(n);
				});
		assertEquals(SAMPLES, scored);
		assertEquals(SAMPLES, seen.size());
		for (int i = 0; i < SAMPLES; i++) assertEquals(i, (int) seen.get(i));
	}

	@Test
	public void cancellingStopsBetweenBatchesOnTheCallersThreadAndEndsTheReader() throws InterruptedException {
		int batch = 16;
		AtomicInteger delivered = new AtomicInteger();
		Thread caller = Thread.currentThread();
		List<Thread> askedOn = new ArrayList<>();
		int scored = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, batch, false)
				.score(
						slowSource(SAMPLES),
						(index, item, score, reconstruction, map) -> delivered.incrementAndGet(),
						() -> {
							askedOn.add(Thread.currentThread());
							return delivered.get() >= 100;
						});
		assertEquals("what was scored was delivered", delivered.get(), scored);
		assertTrue("stopped at the first batch boundary after 100: " + scored, scored >= 100 && scored < 100 + batch);
		assertFalse(askedOn.isEmpty());
		for (Thread thread : askedOn) assertSame("cancellation is asked on the caller's thread", caller, thread);
		for (int wait = 0; wait < 100 && readerAlive(); wait++) Thread.sleep(50);
		assertFalse("the batch reader thread ended", readerAlive());
	}

	@Test
	public void anErrorWhileReadingEndsTheRunWithItsMessage() {
		int batch = 16;
		AtomicInteger delivered = new AtomicInteger();
		Iterator<ScoringItem<Integer>> source = slowSource(SAMPLES);
		Iterator<ScoringItem<Integer>> failing = new Iterator<>() {
			private int read;

			@Override
			public boolean hasNext() {
				return source.hasNext();
			}

			@Override
			public ScoringItem<Integer> next() {
				// As when a large image does not fit in memory: an Error, not an exception.
				if (read++ == 150) throw new OutOfMemoryError("Java heap space (thrown by the test)");
				return source.next();
			}
		};
		long start = System.nanoTime();
		try {
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, batch, false)
					.score(failing, (index, item, score, reconstruction, map) -> delivered.incrementAndGet());
			fail("the run should have failed");
		} catch (IllegalStateException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("Reading the images failed"));
			assertTrue(e.getMessage(), e.getMessage().contains("Java heap space (thrown by the test)"));
			assertTrue(e.getMessage(), e.getMessage().contains("more memory"));
			assertTrue(e.getCause() instanceof OutOfMemoryError);
		}
		assertTrue("the batches before the error were scored: " + delivered, delivered.get() >= 128);
		assertTrue("no sample after the error: " + delivered, delivered.get() <= 150);
		assertTrue("ended at once", System.nanoTime() - start < 30_000_000_000L);
		assertFalse("the reader was joined", readerAlive());
	}

	@Test
	public void aCancelEndsTheWaitForAReaderStuckInIo() throws InterruptedException {
		CountDownLatch stuck = new CountDownLatch(1), release = new CountDownLatch(1);
		AtomicInteger delivered = new AtomicInteger();
		AtomicBoolean cancel = new AtomicBoolean();
		Iterator<ScoringItem<Integer>> source = slowSource(SAMPLES);
		AtomicInteger read = new AtomicInteger();
		Iterator<ScoringItem<Integer>> blocking = new Iterator<>() {
			@Override
			public boolean hasNext() {
				return source.hasNext();
			}

			@Override
			public ScoringItem<Integer> next() {
				if (read.getAndIncrement()
						== 40) { // a read that ignores interrupts, as a hung network file system does
					stuck.countDown();
					boolean interrupted = false;
					while (true) {
						try {
							release.await();
							break;
						} catch (InterruptedException e) {
							interrupted = true;
						}
					}
					if (interrupted) Thread.currentThread().interrupt();
				}
				return source.next();
			}
		};
		Thread user = new Thread(() -> {
			try {
				stuck.await();
				Thread.sleep(200);
			} catch (InterruptedException e) {
				return;
			}
			cancel.set(true);
		});
		user.start();
		long start = System.nanoTime();
		int scored = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 16, false)
				.score(blocking, (index, item, score, reconstruction, map) -> delivered.incrementAndGet(), cancel::get);
		double seconds = (System.nanoTime() - start) / 1e9;
		assertTrue("cancelled", cancel.get());
		assertEquals("the two batches before the stuck read", 32, scored);
		assertEquals(32, delivered.get());
		assertTrue(
				"the cancelled run ended within the bounded wait for the reader: " + seconds + " s",
				seconds < BatchPrefetcher.JOIN_MILLIS / 1000.0 + 10);
		release.countDown();
		for (int wait = 0; wait < 100 && readerAlive(); wait++) Thread.sleep(50);
		assertFalse("the released reader stopped without reading on", readerAlive());
		assertEquals("nothing read after the stuck read returned", 41, read.get());
		user.join();
	}

	private static boolean readerAlive() {
		for (Thread thread : Thread.getAllStackTraces().keySet())
			if (thread.isAlive() && thread.getName().equals("GANomaly batch reader")) return true;
		return false;
	}
}
