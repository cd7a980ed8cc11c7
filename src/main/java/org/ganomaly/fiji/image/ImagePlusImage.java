package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * An {@link ImagePlus} as an {@link AxisImage}, and the calibration back. The stack becomes a {@link PlanarImg} with
 * axes (X, Y, CHANNEL, Z, TIME) over the stack's own pixel arrays, without copying: ImageJ orders stack planes c
 * fastest, then z, then t, exactly as a planar image orders its planes. A virtual stack's planes are read one at a
 * time through {@link ImageStack#getProcessor(int)} when a sample needs them; the last few read are kept, so
 * consecutive tiles of one plane do not read it again. Pixel values are the raw stored values (a calibration
 * function, as on signed 16-bit images, is not applied); labels are slice labels up to their first line break.
 */
public final class ImagePlusImage {

	/** Enough for the three channel planes of one 3-channel sample. */
	private static final int VIRTUAL_PLANES_KEPT = 3;

	private ImagePlusImage() {}

	/** {@code imp} as an image with axes; nothing is read yet. Throws, naming the image, if it is empty. */
	public static AxisImage wrap(ImagePlus imp) {
		if (imp == null || imp.getProcessor() == null || imp.getStackSize() == 0)
			throw new IllegalArgumentException("Image '" + (imp == null ? "(none)" : imp.getTitle())
					+ "' is empty: it has no slices. Open or select an image with at least one slice.");
		ImageStack stack = imp.getStack();
		Calibration calibration = imp.getCalibration();
		return AxisImage.of(imp.getTitle(), planar(imp, stack), Axis.X, Axis.Y, Axis.CHANNEL, Axis.Z, Axis.TIME)
				.withLabels(n -> label(stack, n))
				.withScale(Axis.X, new AxisScale(calibration.pixelWidth, calibration.xOrigin, calibration.getXUnit()))
				.withScale(Axis.Y, new AxisScale(calibration.pixelHeight, calibration.yOrigin, calibration.getYUnit()))
				.withScale(Axis.Z, new AxisScale(calibration.pixelDepth, calibration.zOrigin, calibration.getZUnit()))
				.withScale(Axis.TIME, new AxisScale(calibration.frameInterval, 0, calibration.getTimeUnit()));
	}

	/** ImageJ's spatial and time calibration for {@code image}'s axes (ImageJ's defaults where it has none). */
	static Calibration calibration(AxisImage image) {
		Calibration calibration = new Calibration();
		AxisScale x = image.scale(Axis.X), y = image.scale(Axis.Y), z = image.scale(Axis.Z);
		AxisScale t = image.scale(Axis.TIME);
		if (x != null) {
			calibration.pixelWidth = x.step();
			calibration.xOrigin = x.origin();
			calibration.setXUnit(x.unit());
		}
		if (y != null) {
			calibration.pixelHeight = y.step();
			calibration.yOrigin = y.origin();
			calibration.setYUnit(y.unit());
		}
		if (z != null) {
			calibration.pixelDepth = z.step();
			calibration.zOrigin = z.origin();
			calibration.setZUnit(z.unit());
		}
		if (t != null) {
			calibration.frameInterval = t.step();
			calibration.setTimeUnit(t.unit());
		}
		return calibration;
	}

	/** The slice label of plane {@code n} up to its first line break (ImageJ appends file info there), or null. */
	private static String label(ImageStack stack, int n) {
		String label = stack.getSliceLabel(n);
		if (label == null) return null;
		int lineBreak = label.indexOf('\n');
		if (lineBreak >= 0) label = label.substring(0, lineBreak);
		label = label.trim();
		return label.isEmpty() ? null : label;
	}

	private static PlanarImg<?, ?> planar(ImagePlus imp, ImageStack stack) {
		return switch (imp.getBitDepth()) {
			case 8 ->
				ImagePlusImage.<UnsignedByteType, ByteArray>planar(
						imp, stack, byte[].class, b -> new ByteArray((byte[]) b), UnsignedByteType::new);
			case 16 ->
				ImagePlusImage.<UnsignedShortType, ShortArray>planar(
						imp, stack, short[].class, s -> new ShortArray((short[]) s), UnsignedShortType::new);
			case 32 ->
				ImagePlusImage.<FloatType, FloatArray>planar(
						imp, stack, float[].class, f -> new FloatArray((float[]) f), FloatType::new);
			case 24 ->
				ImagePlusImage.<ARGBType, IntArray>planar(
						imp, stack, int[].class, i -> new IntArray((int[]) i), ARGBType::new);
			default ->
				throw new IllegalArgumentException(
						"Image '" + imp.getTitle() + "' has unsupported pixels: use 8-, 16-, 32-bit or RGB.");
		};
	}

	/**
	 * The stack's planes as a planar image of type T over arrays A; {@code linkedType} makes T's instance that reads
	 * the image.
	 */
	private static <T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> planar(
			ImagePlus imp,
			ImageStack stack,
			Class<?> pixelClass,
			Function<Object, A> wrap,
			Function<PlanarImg<T, A>, T> linkedType) {
		long[] dims = {imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames()};
		List<A> planes;
		if (stack.isVirtual()) {
			planes = new VirtualPlanes<>(imp, stack, pixelClass, wrap);
		} else {
			planes = new ArrayList<>(stack.getSize());
			for (int n = 1; n <= stack.getSize(); n++) planes.add(wrap.apply(stack.getPixels(n)));
		}
		PlanarImg<T, A> img = new PlanarImg<>(planes, dims, new Fraction());
		img.setLinkedType(linkedType.apply(img));
		return img;
	}

	/** A virtual stack's planes, read when asked for; the last {@value #VIRTUAL_PLANES_KEPT} read are kept. */
	private static final class VirtualPlanes<A> extends AbstractList<A> {

		private final ImagePlus imp;
		private final ImageStack stack;
		private final Class<?> pixelClass;
		private final Function<Object, A> wrap;
		private final Map<Integer, A> recent = new LinkedHashMap<>(8, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Integer, A> eldest) {
				return size() > VIRTUAL_PLANES_KEPT;
			}
		};

		VirtualPlanes(ImagePlus imp, ImageStack stack, Class<?> pixelClass, Function<Object, A> wrap) {
			this.imp = imp;
			this.stack = stack;
			this.pixelClass = pixelClass;
			this.wrap = wrap;
		}

		@Override
		public int size() {
			return stack.getSize();
		}

		@Override
		public A get(int index) {
			A plane = recent.get(index);
			if (plane == null) {
				plane = read(index + 1);
				recent.put(index, plane);
			}
			return plane;
		}

		private A read(int n) {
			ImageProcessor ip = stack.getProcessor(n);
			String slice = "Image '" + imp.getTitle() + "': slice " + n + describeLabel(n);
			if (ip == null)
				throw new IllegalArgumentException(slice + " of the virtual stack could not be read. "
						+ "Check that its file still exists and is readable.");
			if (ip.getWidth() != imp.getWidth() || ip.getHeight() != imp.getHeight())
				throw new IllegalArgumentException(slice + " is " + ip.getWidth() + "×" + ip.getHeight()
						+ " pixels, but the stack is " + imp.getWidth() + "×" + imp.getHeight()
						+ ". Give all slices one size.");
			Object pixels = ip.getPixels();
			if (!pixelClass.isInstance(pixels))
				throw new IllegalArgumentException(slice + " is " + ip.getBitDepth() + "-bit, but the stack is "
						+ imp.getBitDepth() + "-bit. Give all slices one type.");
			return wrap.apply(pixels);
		}

		private String describeLabel(int n) {
			String label = label(stack, n);
			return label == null ? "" : " (" + label + ")";
		}
	}
}
