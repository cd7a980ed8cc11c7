package org.ganomaly.fiji.image;

import java.nio.file.Path;

/** One opened image file (of a folder or a list), with its samples (labelled with the file name). */
public record FileImage(Path file, ImageSampler sampler) {}
