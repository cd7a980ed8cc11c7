package org.ganomaly.fiji.spark;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/** The executors' pool of idle networks: bounded, and released after their idle time. */
public class IdlePoolTest {

	private static final class Networks implements AutoCloseable {
		boolean closed;

		@Override
		public void close() {
			closed = true;
		}
	}

	private final AtomicLong now = new AtomicLong();
	private final IdlePool<Networks> pool = new IdlePool<>(2, 60, now::get);

	@Test
	public void keepsAtMostTheBoundAndLendsTheLastGivenBack() {
		Networks a = new Networks(), b = new Networks(), c = new Networks();
		pool.give(a);
		pool.give(b);
		pool.give(c);
		assertTrue("the one idle longest is closed beyond the bound", a.closed);
		assertSame(c, pool.take());
		assertSame(b, pool.take());
		assertNull(pool.take());
		assertFalse(b.closed || c.closed);
	}

	@Test
	public void releasesWhatIsIdleTooLong() {
		Networks a = new Networks(), b = new Networks();
		pool.give(a);
		now.set(50);
		pool.give(b);
		now.set(61);
		pool.sweep();
		assertTrue("idle for 61 > 60", a.closed);
		assertFalse("idle for 11", b.closed);
		now.set(111);
		assertNull("b was idle for 61 too", pool.take());
		assertTrue(b.closed);
	}
}
