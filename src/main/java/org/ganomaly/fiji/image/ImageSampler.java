package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.measure.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;

/**
 * The samples one image ({@link AxisImage}) yields for a network shape, in raw intensity units: how many there are,
 * where each comes from, and their pixels. An {@link ImagePlus} is sampled as {@link ImagePlusImage#wrap} describes
 * it, through the same code. Samples are read on demand, plane by plane, so a virtual or large stack is never loaded
 * whole; the image itself is never modified.
 * <p>
 * Channel rules: a 1-channel model takes every plane of a grey image as a sample (in a hyperstack, each channel plane
 * is a sample). A 3-channel model takes each plane of an RGB image as red, green and blue, or the three channel
 * planes at each (z, t) of a grey hyperstack with exactly three channels.
 * <p>
 * Samples are numbered plane by plane in stack order, and within a plane tile by tile in rows (top to bottom, each
 * row left to right). Not thread-safe: virtual stack planes are cached.
 */
public final class ImageSampler {

	private final Planes planes;
	private final ImageShape shape;
	private final Sampling sampling;
	/** Planes per sample: 3 when a 3-channel sample takes the channels of a hyperstack, else 1. */
	private final int planesPerSample;

	private final int samplePlanes;
	private final int[] tileXs;
	private final int[] tileYs;

	private ImageSampler(Planes planes, ImageShape shape, Sampling sampling) {
		this.planes = planes;
		this.shape = shape;
		this.sampling = sampling;
		this.planesPerSample = shape.channels() == 3 && !planes.isRgb() ? 3 : 1;
		this.samplePlanes = planes.planeCount() / planesPerSample;
		if (sampling.isTiled()) {
			tileXs = tileOrigins(planes.width(), shape.size(), sampling.stride());
			tileYs = tileOrigins(planes.height(), shape.size(), sampling.stride());
		} else {
			tileXs = new int[] {0};
			tileYs = new int[] {0};
		}
	}

	/** The samples of {@code image}; throws IllegalArgumentException, naming the image, if it does not fit. */
	public static ImageSampler of(AxisImage image, ImageShape shape, Sampling sampling) {
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(shape, "shape");
		Objects.requireNonNull(sampling, "sampling");
		Planes planes = new Planes(image);
		requireMatchingChannels(planes, shape);
		if (sampling.isTiled()) requireTileable(planes, shape, sampling);
		return new ImageSampler(planes, shape, sampling);
	}

	/** The samples of {@code imp}, as {@link #of(AxisImage, ImageShape, Sampling)} of {@link ImagePlusImage#wrap}. */
	public static ImageSampler of(ImagePlus imp, ImageShape shape, Sampling sampling) {
		return of(ImagePlusImage.wrap(imp), shape, sampling);
	}

	private static void requireMatchingChannels(Planes planes, ImageShape shape) {
		String name = "Image '" + planes.title() + "'";
		if (shape.channels() == 1 && planes.isRgb())
			throw new IllegalArgumentException(
					name + " is RGB, but the model takes grey images. Convert it with "
							+ "Image > Type > 8-bit, or split it with Image > Color > Split Channels, or use an RGB (3-channel) model.");
		if (shape.channels() == 3 && !planes.isRgb() && planes.channels() != 3)
			throw new IllegalArgumentException(name + " is grey (" + planes.valueKind() + ", " + planes.channels()
					+ " channel" + (planes.channels() == 1 ? "" : "s") + "), but the model takes 3-channel images. "
					+ "Convert it with Image > Type > RGB Color, make a 3-channel hyperstack (Image > Hyperstacks > "
					+ "Stack to HyperStack...), or use a grey (1-channel) model.");
	}

	private static void requireTileable(Planes planes, ImageShape shape, Sampling sampling) {
		int size = shape.size();
		String name = "Image '" + planes.title() + "'";
		if (planes.width() < size || planes.height() < size) {
			int fitting = Integer.highestOneBit(Math.min(planes.width(), planes.height()));
			throw new IllegalArgumentException(name + " is " + planes.width() + "×" + planes.height()
					+ " pixels, smaller than the model's " + size + "×" + size
					+ " tiles. Train a model with sampling 'resize' "
					+ "(whole images scaled to its size)"
					+ (fitting >= ImageShape.MIN_SIZE ? ", or with tiles of size " + fitting + " or smaller." : "."));
		}
		if (sampling.stride() > size)
			throw new IllegalArgumentException("Tile stride " + sampling.stride() + " is larger than the tile size "
					+ size + ", so tiles of " + name + " would leave gaps. Use a stride from 1 to " + size + ".");
	}

	/** Tile origins along one axis: every {@code stride} pixels, the last one flush with the far border. */
	static int[] tileOrigins(int length, int size, int stride) {
		int count = (length - size + stride - 1) / stride + 1; // ceil((length − size) / stride) + 1
		int[] origins = new int[count];
		for (int i = 0; i < count; i++) origins[i] = Math.min(i * stride, length - size);
		return origins;
	}

	public ImageShape shape() {
		return shape;
	}

	public Sampling sampling() {
		return sampling;
	}

	public String title() {
		return planes.title();
	}

	public int width() {
		return planes.width();
	}

	public int height() {
		return planes.height();
	}

	/** Number of samples. */
	public int size() {
		return samplePlanes * tilesPerPlane();
	}

	/** Number of planes samples are taken from: XY planes, or (z, t) positions for a 3-channel hyperstack. */
	public int samplePlanes() {
		return samplePlanes;
	}

	/** Samples per plane: 1 for RESIZE, the number of tiles for TILE. */
	public int tilesPerPlane() {
		return tileXs.length * tileYs.length;
	}

	/** Whether the input is an RGB image. */
	public boolean isRgb() {
		return planes.isRgb();
	}

	/** Whether pixel values are bytes 0..255 (unsigned 8-bit or RGB input). */
	public boolean isByteValued() {
		return planes.isByteValued();
	}

	/** Hyperstack dimensions {c, z, t} of a stack holding one plane per sample plane, in the input's order. */
	int[] samplePlaneDimensions() {
		return new int[] {planesPerSample == 3 ? 1 : planes.channels(), planes.slices(), planes.frames()};
	}

	/** ImageJ's calibration of the image's axes, for result images at its size. */
	Calibration calibration() {
		return ImagePlusImage.calibration(planes.image());
	}

	/** Tile origins along x and y (a single 0 each for RESIZE). */
	int[] tileXs() {
		return tileXs.clone();
	}

	int[] tileYs() {
		return tileYs.clone();
	}

	public SampleInfo info(int index) {
		Objects.checkIndex(index, size());
		int tile = index % tilesPerPlane();
		int stackIndex = index / tilesPerPlane() * planesPerSample + 1;
		int[] czt = planes.position(stackIndex);
		return new SampleInfo(
				index,
				stackIndex,
				czt[0],
				czt[1],
				czt[2],
				tileXs[tile % tileXs.length],
				tileYs[tile / tileXs.length],
				sampling.isTiled(),
				planes.label(stackIndex));
	}

	/**
	 * Copies sample {@code index} in raw intensity units into {@code dst} from {@code offset}: channels × size × size
	 * floats, channel by channel, each row by row.
	 */
	public void copyRaw(int index, float[] dst, int offset) {
		SampleInfo info = info(index);
		int size = shape.size();
		int at = offset;
		for (RandomAccessibleInterval<? extends RealType<?>> channel : channels(info.stackIndex())) {
			if (sampling.isTiled()) PlaneReader.read(channel, info.tileX(), info.tileY(), size, size, dst, at);
			else BilinearResampler.resize(channel, size, size, dst, at);
			at += size * size;
		}
	}

	/**
	 * Reads every plane now and throws if a floating-point plane holds NaN or infinite values (naming the slice). Without
	 * this call the check happens lazily, the first time a plane is read.
	 */
	public void checkFinite() {
		for (int n = 1; n <= planes.planeCount(); n++) planes.checkFinite(n);
	}

	private List<RandomAccessibleInterval<? extends RealType<?>>> channels(int firstStackIndex) {
		if (planesPerSample == 1) return planes.channelsOf(firstStackIndex);
		List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>(3);
		for (int c = 0; c < 3; c++) channels.addAll(planes.channelsOf(firstStackIndex + c));
		return channels;
	}
}
