/**
 * The entry points of the jobs: {@link org.ganomaly.fiji.core.job.Training#run} wires networks, trainer and model,
 * for Train GANomaly, the benchmarks and the tests; {@link org.ganomaly.fiji.core.job.Scoring#open} loads a model
 * file with its scorer, for Score Stack.
 */
package org.ganomaly.fiji.core.job;
