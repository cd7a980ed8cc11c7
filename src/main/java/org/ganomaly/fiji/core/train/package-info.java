/**
 * The reference training scheme (Adam, feature-matching, D re-initialisation), precise BatchNorm statistics, weight
 * averaging, the epoch rules, and continuing a run exactly.
 */
package org.ganomaly.fiji.core.train;
