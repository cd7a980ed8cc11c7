package org.ganomaly.fiji.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.NativeTypeFactory;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The XY planes of an {@link AxisImage}, in stack order, as 2D imglib2 images. The pixels are viewed once in the order
 * (x, y, c, z, t), missing axes added with size 1, and a plane is a slice of that view. A {@link PlanarImg} whose
 * planes already lie in stack order (ImageJ's stacks, wrapped by {@link ImagePlusImage}) is read straight from its
 * plane arrays instead: faster per pixel, and a virtual stack's plane is read from its list only when it is needed.
 */
final class Planes {

	private final AxisImage image;
	/** The pixels viewed as (x, y, c, z, t). */
	private final RandomAccessibleInterval<?> xyczt;
	/** The pixels, when they are a planar image in stack order; else null. */
	private final PlanarImg<?, ?> planar;

	private final int width;
	private final int height;
	private final int channels;
	private final int slices;
	private final int frames;
	private final int planeCount;
	private final boolean rgb;
	/** Whether planes are checked for NaN and infinite values: real values that are not integers. */
	private final boolean floatValued;

	private final BitSet checkedFinite = new BitSet();

	Planes(AxisImage image) {
		this.image = image;
		this.xyczt = xyczt(image);
		this.planar = image.pixels() instanceof PlanarImg<?, ?> img && inStackOrder(image.axes()) ? img : null;
		this.width = intSize(Axis.X);
		this.height = intSize(Axis.Y);
		this.channels = intSize(Axis.CHANNEL);
		this.slices = intSize(Axis.Z);
		this.frames = intSize(Axis.TIME);
		if (image.planeCount() > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Image '" + image.name() + "' has " + image.planeCount()
					+ " planes, more than " + Integer.MAX_VALUE + ". Sample part of it.");
		this.planeCount = (int) image.planeCount();
		Object type = image.pixels().getType();
		this.rgb = type instanceof ARGBType;
		this.floatValued = type instanceof RealType && !(type instanceof IntegerType);
	}

	/** The pixels' dimensions reordered to (x, y, c, z, t), with size 1 for the axes the image does not have. */
	private static RandomAccessibleInterval<?> xyczt(AxisImage image) {
		RandomAccessibleInterval<?> view = image.pixels();
		if (Arrays.stream(view.minAsLongArray()).anyMatch(min -> min != 0)) view = Views.zeroMin(view);
		List<Axis> order = new ArrayList<>(image.axes());
		for (Axis axis : Axis.values()) {
			if (order.contains(axis)) continue;
			view = Views.addDimension(view, 0, 0);
			order.add(axis);
		}
		for (int d = 0; d < order.size(); d++) {
			int from = order.indexOf(Axis.values()[d]);
			if (from == d) continue;
			view = Views.moveAxis(view, from, d);
			order.add(d, order.remove(from));
		}
		return view;
	}

	/** X, Y, then the other axes in the order C, Z, T: a planar image's planes are then in stack order. */
	private static boolean inStackOrder(List<Axis> axes) {
		for (int d = 0; d < axes.size(); d++) {
			if (d < 2 ? axes.get(d) != Axis.values()[d] : axes.get(d).compareTo(axes.get(d - 1)) < 0) return false;
		}
		return true;
	}

	private int intSize(Axis axis) {
		long size = image.size(axis);
		if (size > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Image '" + image.name() + "' is " + size + " pixels along " + axis
					+ ", more than " + Integer.MAX_VALUE + ".");
		return (int) size;
	}

	String title() {
		return image.name();
	}

	AxisImage image() {
		return image;
	}

	int width() {
		return width;
	}

	int height() {
		return height;
	}

	int planeCount() {
		return planeCount;
	}

	int channels() {
		return channels;
	}

	int slices() {
		return slices;
	}

	int frames() {
		return frames;
	}

	boolean isRgb() {
		return rgb;
	}

	/** Unsigned bytes or RGB: values are 0..255. */
	boolean isByteValued() {
		return rgb || image.pixels().getType() instanceof UnsignedByteType;
	}

	/** "8-bit", "16-bit" or "32-bit" for ImageJ's grey types, else the type's name, for messages. */
	String valueKind() {
		Object type = image.pixels().getType();
		if (type instanceof UnsignedByteType) return "8-bit";
		if (type instanceof UnsignedShortType) return "16-bit";
		if (type instanceof FloatType) return "32-bit";
		return type.getClass().getSimpleName();
	}

	/** {c, z, t} (1-based) of plane {@code n} (1-based). */
	int[] position(int n) {
		int i = n - 1;
		return new int[] {i % channels + 1, i / channels % slices + 1, i / (channels * slices) + 1};
	}

	/** The label of plane {@code n}, or null. */
	String label(int n) {
		return image.label(n);
	}

	/** "slice n" or "slice n (label)", for messages. */
	String describe(int n) {
		String label = label(n);
		return "slice " + n + (label == null ? "" : " (" + label + ")");
	}

	/** The value channels of plane {@code n}: the plane itself for grey images, its red, green and blue for RGB. */
	List<RandomAccessibleInterval<? extends RealType<?>>> channelsOf(int n) {
		RandomAccessibleInterval<?> plane = plane(n);
		if (!rgb) return List.of(asReal(plane));
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<ARGBType> argb = (RandomAccessibleInterval<ARGBType>) plane;
		// imglib2 numbers the packed ARGB channels 0 = alpha, 1 = red, 2 = green, 3 = blue
		return List.of(
				Converters.argbChannel(argb, 1), Converters.argbChannel(argb, 2), Converters.argbChannel(argb, 3));
	}

	/** Throws if plane {@code n} holds NaN or ±Infinity (for real values that are not integers); scanned once. */
	void checkFinite(int n) {
		plane(n);
	}

	private RandomAccessibleInterval<?> plane(int n) {
		if (n < 1 || n > planeCount)
			throw new IndexOutOfBoundsException("Plane " + n + " of " + planeCount + " in '" + title() + "'");
		RandomAccessibleInterval<?> plane;
		if (planar != null) {
			plane = arrayPlane(planar, n - 1);
		} else {
			int[] czt = position(n);
			plane = Views.hyperSlice(
					Views.hyperSlice(Views.hyperSlice(xyczt, 4, czt[2] - 1), 3, czt[1] - 1), 2, czt[0] - 1);
		}
		if (floatValued && !checkedFinite.get(n)) {
			requireFinite(asReal(plane), n);
			checkedFinite.set(n);
		}
		return plane;
	}

	/** Plane {@code index} of a planar image as a 2D array image over the same array (no copy). */
	@SuppressWarnings({"unchecked", "rawtypes"}) // the type's factory takes the image's access type, unnamed here
	private <T extends NativeType<T>, A extends ArrayDataAccess<A>> ArrayImg<T, A> arrayPlane(
			PlanarImg<T, A> img, int index) {
		T type = img.getType();
		ArrayImg<T, A> plane =
				new ArrayImg<>(img.getPlane(index), new long[] {width, height}, type.getEntitiesPerPixel());
		NativeTypeFactory factory = type.getNativeTypeFactory();
		plane.setLinkedType((T) factory.createLinkedType(plane));
		return plane;
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<? extends RealType<?>> asReal(RandomAccessibleInterval<?> plane) {
		return (RandomAccessibleInterval<? extends RealType<?>>) plane;
	}

	private void requireFinite(RandomAccessibleInterval<? extends RealType<?>> plane, int n) {
		Cursor<? extends RealType<?>> cursor = Views.flatIterable(plane).localizingCursor();
		while (cursor.hasNext()) {
			float v = cursor.next().getRealFloat();
			if (Float.isFinite(v)) continue;
			String what = Float.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
			String fix = Float.isNaN(v)
					? "Remove NaNs first (Process > Noise > Remove NaNs...)."
					: "Replace infinite values first (e.g. Process > Math > Min... and Max...).";
			throw new IllegalArgumentException("Image '" + title() + "': " + describe(n) + " holds " + what + " at x="
					+ cursor.getIntPosition(0) + ", y=" + cursor.getIntPosition(1) + ". " + fix);
		}
	}
}
