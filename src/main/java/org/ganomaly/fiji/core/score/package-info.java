/**
 * Scoring samples with a generator, a batch at a time, on a reading thread one batch ahead; each sample's metadata
 * travels with it to the sink. Calibration of scores against normal images.
 */
package org.ganomaly.fiji.core.score;
