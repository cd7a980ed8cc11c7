/**
 * The entry points of the jobs: {@link org.ganomaly.fiji.core.job.Training#run} wires networks, trainer and model,
 * for Train GANomaly, the benchmarks and the tests; {@link org.ganomaly.fiji.core.job.ScoringModel#open} loads a model
 * file with its scorer, and a {@link org.ganomaly.fiji.core.job.ScoringSession} turns its scores into the rows Score
 * Stack and the Spark job write.
 */
package org.ganomaly.fiji.core.job;
