/**
 * Samples and how images become them, with no network: image shapes, sample sets, the typed preprocessing a model
 * stores (shape, sampling, intensity range), validation splits and synthetic images and defects. Depends on nothing
 * else in the plugin.
 */
package org.ganomaly.fiji.core.data;
