package org.ganomaly.fiji.image;

import java.nio.file.Path;

/** One opened image file of a folder, with its samples (labelled with the file name). */
public record FolderImage(Path file, ImageSampler sampler) {}
