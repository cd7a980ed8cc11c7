package org.ganomaly.fiji.image;

import java.nio.file.Path;

/**
 * One network-ready sample from a folder of images.
 *
 * @param file the image file it comes from
 * @param info where in that file it comes from (its label is the file name)
 * @param data channels × size × size floats in [-1, 1], channel-major
 */
public record LabeledSample(Path file, SampleInfo info, float[] data) {}
