package org.ganomaly.fiji.core.score;

/**
 * One scored sample as Score Stack's table and the Spark job's table show it; {@link ScoreColumn} says how each value
 * is shown.
 *
 * @param sample the sample's number in the run, 1, 2, ... in input order
 * @param scores what scoring found for the sample alone
 * @param minMax the latent score min-max scaled over the run
 * @param anomalous the threshold rule's verdict
 */
public record ScoreRow(long sample, ScoredSample scores, double minMax, boolean anomalous) {}
