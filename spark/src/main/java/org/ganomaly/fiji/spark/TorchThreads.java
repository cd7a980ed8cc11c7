package org.ganomaly.fiji.spark;

import org.apache.spark.TaskContext;
import org.ganomaly.fiji.core.engine.Engines;

/**
 * libtorch's intra-op threads in an executor JVM: as many as each task has cores ({@code spark.task.cpus}), so that
 * the tasks an executor runs at once share its cores instead of each computing with a thread per core of the machine.
 * <p>
 * libtorch keeps one count for the process, which each thread takes when it first computes (a thread that computed
 * before keeps its own). So it is set once per JVM, before its first networks load ({@link #ofThisExecutor}): then
 * every task thread computes with it. A count given on the executors with {@code -Dai.djl.pytorch.num_threads} wins
 * (DJL sets it when its engine starts). libtorch's inter-op threads are left as they are: they serve TorchScript's
 * fork, which these forward passes do not use, and cannot be changed once the engine has started.
 */
final class TorchThreads {

	/** DJL's system property for the intra-op threads, read when its PyTorch engine starts. */
	static final String DJL_PROPERTY = "ai.djl.pytorch.num_threads";

	private TorchThreads() {}

	/** The count of this executor, set by the first task that needs networks; the same for the JVM's life. */
	static int ofThisExecutor() {
		return Once.THREADS;
	}

	/** Holds the count set once per JVM (initialised on first use, by the JVM's class initialisation). */
	private static final class Once {
		static final int THREADS = apply(System.getProperty(DJL_PROPERTY), taskCpus());

		private static int taskCpus() {
			TaskContext task = TaskContext.get();
			return task == null ? 1 : task.cpus();
		}
	}

	/**
	 * Sets {@code taskCpus} threads unless {@code djlProperty} (the executor's -Dai.djl.pytorch.num_threads) is
	 * given; returns the count the calling thread computes with.
	 */
	static int apply(String djlProperty, int taskCpus) {
		return djlProperty == null ? Engines.useIntraOpThreads(taskCpus) : Engines.intraOpThreads();
	}
}
