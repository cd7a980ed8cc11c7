package org.ganomaly.fiji.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle objects kept for reuse, and released when they are not needed: at most {@code maxIdle} are kept, and one idle
 * for longer than {@code idleNanos} is closed at the next {@link #sweep()} (or take or give). For the networks an
 * executor lends its tasks, so that an idle executor gives their memory, on a GPU too, back.
 */
final class IdlePool<T extends AutoCloseable> {

	private static final Logger LOG = LoggerFactory.getLogger(IdlePool.class);

	private record Idle<T>(T value, long since) {}

	private final int maxIdle;
	private final long idleNanos;
	private final LongSupplier clock;
	/** Most recently given back first. */
	private final Deque<Idle<T>> idle = new ArrayDeque<>();

	/** @param clock nanoseconds, as System::nanoTime */
	IdlePool(int maxIdle, long idleNanos, LongSupplier clock) {
		this.maxIdle = maxIdle;
		this.idleNanos = idleNanos;
		this.clock = clock;
	}

	/** The most recently given back idle object, or null when none is idle. */
	synchronized T take() {
		sweep();
		Idle<T> next = idle.pollFirst();
		return next == null ? null : next.value();
	}

	/** Keeps an object for reuse, or closes it when {@code maxIdle} are idle already. */
	synchronized void give(T value) {
		idle.addFirst(new Idle<>(value, clock.getAsLong()));
		while (idle.size() > maxIdle) close(idle.pollLast().value());
		sweep();
	}

	/** Closes what has been idle for too long. */
	synchronized void sweep() {
		long now = clock.getAsLong();
		while (!idle.isEmpty() && now - idle.peekLast().since() > idleNanos)
			close(idle.pollLast().value());
	}

	private static void close(AutoCloseable value) {
		try {
			value.close();
		} catch (Exception e) { // a pool's release must not fail the task that gave it back
			LOG.warn("GANomaly: closing idle networks failed", e);
		}
	}
}
