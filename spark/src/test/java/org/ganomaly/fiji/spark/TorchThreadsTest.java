package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.ganomaly.fiji.core.engine.Engines;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The executors' libtorch threads: set through the running engine (not a system property read only when it starts),
 * taken by the task threads that compute afterwards, and left alone when the executor gives its own count.
 */
public class TorchThreadsTest {

	private int before;

	@Before
	public void remember() {
		before = Engines.intraOpThreads();
	}

	@After
	public void restore() {
		Engines.useIntraOpThreads(before);
	}

	@Test
	public void theTaskCpusAreSetOnTheRunningEngineAndANewTaskThreadTakesThem() throws InterruptedException {
		int other = before == 1 ? 2 : 1;
		assertEquals(other, TorchThreads.apply(null, other));
		AtomicInteger seen = new AtomicInteger();
		Thread task = new Thread(() -> seen.set(Engines.intraOpThreads()), "a task thread");
		task.start();
		task.join();
		assertEquals("a thread that first computes after the count was set", other, seen.get());
	}

	@Test
	public void theExecutorsOwnCountWins() {
		assertEquals(before, TorchThreads.apply("3", before == 1 ? 2 : 1));
	}
}
