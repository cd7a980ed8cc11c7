/**
 * The entry points of the jobs: {@link org.ganomaly.fiji.core.job.Training#run} wires networks, trainer and model,
 * for the commands, the benchmarks and the tests.
 */
package org.ganomaly.fiji.core.job;
