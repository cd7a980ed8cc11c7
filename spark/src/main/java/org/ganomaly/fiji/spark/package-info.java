/**
 * Score Stack on Apache Spark, for image sets larger than one machine scores: {@link org.ganomaly.fiji.spark.ScoreJob}
 * lists the images on the driver ({@link org.ganomaly.fiji.spark.InputFiles}), each task opens its files through
 * Hadoop's FileSystem and scores them with the plugin's own sample sources and scoring entry point
 * ({@link org.ganomaly.fiji.spark.PartitionScorer}, with the model read once per executor JVM by
 * {@link org.ganomaly.fiji.spark.ExecutorModels}), and the driver finishes the table that depends on every score
 * (sample numbers, min-max scores) before Spark's committers write it ({@link org.ganomaly.fiji.spark.ResultTable}).
 */
package org.ganomaly.fiji.spark;
