package org.ganomaly.fiji.image;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;

/**
 * One image as imglib2 data, without ImageJ: its pixels (a {@link RandomAccessibleInterval} of real values, or of
 * {@link ARGBType} for an RGB image), what each dimension means ({@link Axis}, in any order), its name, and optionally
 * its plane labels and axis calibration. This is what {@link ImageSampler} samples; an ImagePlus becomes one through
 * {@link ImagePlusImage#wrap}, and any other image (an imglib2 Img from a file reader, an in-memory array) is one
 * call to {@link #of}.
 * <p>
 * Planes are the XY planes, numbered from 1 in stack order: channel fastest, then Z, then time, as in an ImageJ
 * hyperstack. Pixels are read only as samples need them, plane by plane. Immutable.
 */
public final class AxisImage {

	private final String name;
	private final RandomAccessibleInterval<?> pixels;
	private final List<Axis> axes;
	private final IntFunction<String> labels;
	private final Map<Axis, AxisScale> scales;

	private AxisImage(
			String name,
			RandomAccessibleInterval<?> pixels,
			List<Axis> axes,
			IntFunction<String> labels,
			Map<Axis, AxisScale> scales) {
		this.name = name;
		this.pixels = pixels;
		this.axes = axes;
		this.labels = labels;
		this.scales = scales;
	}

	/**
	 * The image {@code pixels} named {@code name}, with one axis per dimension, e.g. {@code of("cells", img, X, Y,
	 * Z)}; no labels, uncalibrated.
	 *
	 * @throws IllegalArgumentException naming the image, if the axes do not fit the pixels (not one per dimension,
	 *     repeated, no X or Y) or the pixels are neither real values nor ARGB
	 */
	public static AxisImage of(String name, RandomAccessibleInterval<?> pixels, Axis... axes) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(pixels, "pixels");
		List<Axis> axisList = List.of(axes);
		String image = "Image '" + name + "'";
		if (axisList.size() != pixels.numDimensions())
			throw new IllegalArgumentException(image + " has " + pixels.numDimensions() + " dimensions "
					+ Arrays.toString(pixels.dimensionsAsLongArray()) + " but " + axisList.size() + " axes "
					+ axisList + " were given. Name one axis (X, Y, CHANNEL, Z, TIME) per dimension.");
		EnumSet<Axis> seen = EnumSet.noneOf(Axis.class);
		for (Axis axis : axisList)
			if (!seen.add(axis))
				throw new IllegalArgumentException(
						image + " names axis " + axis + " twice in " + axisList + ". Name each axis once.");
		for (Axis needed : List.of(Axis.X, Axis.Y))
			if (!seen.contains(needed))
				throw new IllegalArgumentException(
						image + " has no " + needed + " axis in " + axisList + ". Every image needs X and Y.");
		Object type = pixels.getType();
		if (!(type instanceof RealType) && !(type instanceof ARGBType))
			throw new IllegalArgumentException(
					image + " has pixels of type " + type.getClass().getSimpleName()
							+ ". Give real values (e.g. UnsignedByteType, FloatType) or ARGBType for RGB.");
		return new AxisImage(name, pixels, axisList, n -> null, new EnumMap<>(Axis.class));
	}

	/** This image with plane labels: {@code labels} maps a plane number (from 1) to its label, or null for none. */
	public AxisImage withLabels(IntFunction<String> labels) {
		return new AxisImage(name, pixels, axes, Objects.requireNonNull(labels, "labels"), scales);
	}

	/** This image with {@code axis} (X, Y, Z or TIME) calibrated as {@code scale}. */
	public AxisImage withScale(Axis axis, AxisScale scale) {
		if (axis == Axis.CHANNEL) throw new IllegalArgumentException("Channels have no calibration.");
		Map<Axis, AxisScale> more = new EnumMap<>(Axis.class);
		more.putAll(scales);
		more.put(axis, Objects.requireNonNull(scale, "scale"));
		return new AxisImage(name, pixels, axes, labels, more);
	}

	/**
	 * This image as one file of a folder: a single plane is labelled with the file name, each plane of several with
	 * "file name (its label)", or "file name (slice n)" when it has none.
	 */
	public AxisImage labelledByFile(String fileName) {
		Objects.requireNonNull(fileName, "fileName");
		if (planeCount() == 1) return withLabels(n -> fileName);
		return withLabels(n -> {
			String label = labels.apply(n);
			return fileName + " (" + (label != null ? label : "slice " + n) + ")";
		});
	}

	public String name() {
		return name;
	}

	public RandomAccessibleInterval<?> pixels() {
		return pixels;
	}

	/** The meaning of each dimension of {@link #pixels()}, in its order. */
	public List<Axis> axes() {
		return axes;
	}

	/** The label of plane {@code n} (from 1), or null. */
	public String label(int n) {
		return labels.apply(n);
	}

	/** The calibration of {@code axis}, or null when it has none. */
	public AxisScale scale(Axis axis) {
		return scales.get(axis);
	}

	/** The size along {@code axis}: 1 when the image has no such axis. */
	public long size(Axis axis) {
		int d = axes.indexOf(axis);
		return d < 0 ? 1 : pixels.dimension(d);
	}

	/** Number of XY planes. */
	public long planeCount() {
		return size(Axis.CHANNEL) * size(Axis.Z) * size(Axis.TIME);
	}

	/** Whether the pixels are ARGB (an RGB image). */
	public boolean isRgb() {
		return pixels.getType() instanceof ARGBType;
	}
}
