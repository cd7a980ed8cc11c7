/**
 * ImageJ images to samples and back: stacks, hyperstacks, virtual stacks and folders sampled by resizing or tiling,
 * intensity ranges estimated, checked image files, and the results as ImageJ images: reconstruction, anomaly-map,
 * heat-map and overlay stacks, and the anomalous regions as ROIs.
 */
package org.ganomaly.fiji.image;
