package org.ganomaly.fiji.spark;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.parquet.hadoop.ParquetOutputCommitter;

/**
 * A Parquet committer whose first task commit fails after the task has written all its rows: the worst moment for
 * duplicates, since the attempt's file is complete. Spark retries the task (the test runs with local[2,2]).
 */
public final class FailingOnceCommitter extends ParquetOutputCommitter {

	static final AtomicInteger FAILURES = new AtomicInteger();

	public FailingOnceCommitter(Path outputPath, TaskAttemptContext context) throws IOException {
		super(outputPath, context);
	}

	@Override
	public void commitTask(TaskAttemptContext context) throws IOException {
		if (FAILURES.compareAndSet(0, 1))
			throw new IOException("commit failed on purpose, after the rows were written");
		super.commitTask(context);
	}
}
