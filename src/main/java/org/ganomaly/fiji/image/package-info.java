/**
 * ImageJ images to samples and back: stacks, hyperstacks, virtual stacks and folders sampled by resizing or tiling,
 * intensity ranges estimated, checked image files, and the reconstruction, anomaly-map and heat-map stacks.
 */
package org.ganomaly.fiji.image;
