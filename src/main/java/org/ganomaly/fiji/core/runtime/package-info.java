/**
 * Networks on a device: {@link org.ganomaly.fiji.core.runtime.GanomalyNetworks} (only ever initialised from a seed or
 * restored from saved tensors), the device choice and the device runtime it opens (kernels, precision and compute batch of one device), the names of the tensors in a model file, and what to tell a user
 * about an engine error. Below persistence, training and scoring, which all use it.
 */
package org.ganomaly.fiji.core.runtime;
