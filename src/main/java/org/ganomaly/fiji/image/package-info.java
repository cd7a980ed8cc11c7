/**
 * Images to samples and back.
 * <p>
 * The source model: {@link org.ganomaly.fiji.image.ImageSampler} takes the samples (planes resized, or tiles) of an
 * {@link org.ganomaly.fiji.image.AxisImage}: imglib2 pixels (real values, or ARGB for RGB) with an
 * {@link org.ganomaly.fiji.image.Axis} per dimension (X, Y, and optional CHANNEL, Z, TIME in any order), plane labels
 * and axis calibration, and nothing of ImageJ. An ImagePlus (stack, hyperstack, virtual stack read plane by plane,
 * 8-, 16-, 32-bit or RGB) becomes one through {@link org.ganomaly.fiji.image.ImagePlusImage#wrap}, so every source
 * is sampled by the same code. The commands take an {@link org.ganomaly.fiji.image.ImageSource}: an open image, the
 * files of a folder or list, or {@link org.ganomaly.fiji.image.ImgSource} for any AxisImage (an Img from a file
 * reader, an in-memory array). A new kind of source is one class implementing ImageSource that gives its images as
 * AxisImages, as ImgSource does.
 * <p>
 * Also: intensity ranges estimated, checked image files, and the results as ImageJ images: reconstruction,
 * anomaly-map, heat-map and overlay stacks, and the anomalous regions as ROIs.
 */
package org.ganomaly.fiji.image;
