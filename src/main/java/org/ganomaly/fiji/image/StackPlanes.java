package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * Read-only imglib2 access to the planes of an {@link ImagePlus}. An in-memory stack is wrapped once, without
 * copying, as a {@link PlanarImg} over the stack's own pixel arrays with dimensions (x, y, c, z, t): ImageJ orders
 * stack planes c fastest, then z, then t, exactly as a planar image orders its planes. A virtual stack is read one
 * plane at a time through {@link ImageStack#getProcessor(int)}; the last few planes read are kept, so consecutive
 * tiles of one plane do not read it again. Pixel values are the raw stored values (a calibration function, as on
 * signed 16-bit images, is not applied).
 */
final class StackPlanes {

	/** Enough for the three channel planes of one 3-channel sample. */
	private static final int VIRTUAL_PLANES_KEPT = 3;

	private final ImagePlus imp;
	private final ImageStack stack;
	private final int width;
	private final int height;
	private final int planeCount;
	private final boolean rgb;
	private final boolean floatValued;
	/** The whole stack as one (x, y, c, z, t) image; null for virtual stacks. */
	private final RandomAccessibleInterval<?> planar;

	private final Map<Integer, RandomAccessibleInterval<?>> recentVirtualPlanes;
	private final BitSet checkedFinite = new BitSet();

	StackPlanes(ImagePlus imp) {
		this.imp = imp;
		this.stack = imp.getStack();
		this.width = imp.getWidth();
		this.height = imp.getHeight();
		this.planeCount = stack.getSize();
		this.rgb = imp.getBitDepth() == 24;
		this.floatValued = imp.getBitDepth() == 32;
		if (stack.isVirtual()) {
			planar = null;
			recentVirtualPlanes = new LinkedHashMap<>(8, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<Integer, RandomAccessibleInterval<?>> eldest) {
					return size() > VIRTUAL_PLANES_KEPT;
				}
			};
		} else {
			planar = wrapStack();
			recentVirtualPlanes = null;
		}
	}

	String title() {
		return imp.getTitle();
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
		return imp.getNChannels();
	}

	int slices() {
		return imp.getNSlices();
	}

	int frames() {
		return imp.getNFrames();
	}

	boolean isRgb() {
		return rgb;
	}

	/** 8-bit or RGB: values are bytes 0..255. */
	boolean isByteValued() {
		int depth = imp.getBitDepth();
		return depth == 8 || depth == 24;
	}

	Calibration calibration() {
		return imp.getCalibration();
	}

	/** {c, z, t} (1-based) of stack plane {@code n} (1-based). */
	int[] position(int n) {
		return imp.convertIndexToPosition(n);
	}

	/** The slice label of plane {@code n} up to its first line break (ImageJ appends file info there), or null. */
	String label(int n) {
		String label = stack.getSliceLabel(n);
		if (label == null) return null;
		int lineBreak = label.indexOf('\n');
		if (lineBreak >= 0) label = label.substring(0, lineBreak);
		label = label.trim();
		return label.isEmpty() ? null : label;
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

	/** Throws if plane {@code n} of a 32-bit image holds NaN or ±Infinity; each plane is scanned once. */
	void checkFinite(int n) {
		plane(n);
	}

	private RandomAccessibleInterval<?> plane(int n) {
		if (n < 1 || n > planeCount)
			throw new IndexOutOfBoundsException("Plane " + n + " of " + planeCount + " in '" + title() + "'");
		RandomAccessibleInterval<?> plane;
		if (planar == null) {
			plane = recentVirtualPlanes.get(n);
			if (plane == null) {
				plane = readVirtual(n);
				recentVirtualPlanes.put(n, plane);
			}
		} else {
			int[] czt = position(n);
			plane = Views.hyperSlice(
					Views.hyperSlice(Views.hyperSlice(planar, 4, czt[2] - 1), 3, czt[1] - 1), 2, czt[0] - 1);
		}
		if (floatValued && !checkedFinite.get(n)) {
			requireFinite(asReal(plane), n);
			checkedFinite.set(n);
		}
		return plane;
	}

	private RandomAccessibleInterval<?> readVirtual(int n) {
		ImageProcessor ip = stack.getProcessor(n);
		if (ip == null)
			throw new IllegalArgumentException("Image '" + title() + "': " + describe(n) + " of the virtual stack "
					+ "could not be read. Check that its file still exists and is readable.");
		if (ip.getWidth() != width || ip.getHeight() != height)
			throw new IllegalArgumentException(
					"Image '" + title() + "': " + describe(n) + " is " + ip.getWidth() + "×" + ip.getHeight()
							+ " pixels, but the stack is " + width + "×" + height + ". Give all slices one size.");
		Object pixels = ip.getPixels();
		if (pixels instanceof byte[] bytes) return ArrayImgs.unsignedBytes(bytes, width, height);
		if (pixels instanceof short[] shorts) return ArrayImgs.unsignedShorts(shorts, width, height);
		if (pixels instanceof float[] floats) return ArrayImgs.floats(floats, width, height);
		if (pixels instanceof int[] ints) return ArrayImgs.argbs(ints, width, height);
		throw new IllegalArgumentException("Image '" + title() + "': " + describe(n) + " has unsupported pixels.");
	}

	private RandomAccessibleInterval<?> wrapStack() {
		long[] dims = {width, height, imp.getNChannels(), imp.getNSlices(), imp.getNFrames()};
		Object first = stack.getPixels(1);
		if (first instanceof byte[]) {
			List<ByteArray> planes = arrays(b -> new ByteArray((byte[]) b));
			PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, dims, new Fraction());
			img.setLinkedType(new UnsignedByteType(img));
			return img;
		}
		if (first instanceof short[]) {
			List<ShortArray> planes = arrays(s -> new ShortArray((short[]) s));
			PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims, new Fraction());
			img.setLinkedType(new UnsignedShortType(img));
			return img;
		}
		if (first instanceof float[]) {
			List<FloatArray> planes = arrays(f -> new FloatArray((float[]) f));
			PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims, new Fraction());
			img.setLinkedType(new FloatType(img));
			return img;
		}
		if (first instanceof int[]) {
			List<IntArray> planes = arrays(i -> new IntArray((int[]) i));
			PlanarImg<ARGBType, IntArray> img = new PlanarImg<>(planes, dims, new Fraction());
			img.setLinkedType(new ARGBType(img));
			return img;
		}
		throw new IllegalArgumentException(
				"Image '" + title() + "' has unsupported pixels: use 8-, 16-, 32-bit or RGB.");
	}

	/** The stack's own pixel arrays, in stack order, wrapped as imglib2 accesses (no copy). */
	private <A> List<A> arrays(Function<Object, A> wrap) {
		List<A> planes = new ArrayList<>(planeCount);
		for (int n = 1; n <= planeCount; n++) planes.add(wrap.apply(stack.getPixels(n)));
		return planes;
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
