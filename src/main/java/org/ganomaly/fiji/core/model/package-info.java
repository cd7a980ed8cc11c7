/**
 * The model file: a manifest (format 2, reading format 1) and the tensors, full or scoring-only, written atomically;
 * assembling a model from a training run.
 */
package org.ganomaly.fiji.core.model;
