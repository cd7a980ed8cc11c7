/**
 * ROC and precision-recall analysis and min-max scaling.
 */
package org.ganomaly.fiji.core.metrics;
