package org.ganomaly.fiji.image;

import static org.ganomaly.fiji.image.ImageSamplerTest.assertMessage;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import ij.ImagePlus;
import ij.measure.Calibration;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;

/** Images that are not ImagePlus give exactly the samples and labels of the equivalent ImagePlus. */
public class AxisImageTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);
	private static final ImageShape RGB16 = new ImageShape(3, 16);

	/** Value at (x, y) of stack plane n (1-based): distinct everywhere, so a misplaced pixel shows. */
	static double value(int n, int x, int y) {
		return 1000 * n + 31 * y + x;
	}

	/** Fills {@code img}, whose axes are X, Y and then axes in stack order (c, z, t), with {@link #value}. */
	static <T extends RealType<T>> void fill(RandomAccessibleInterval<T> img) {
		Cursor<T> cursor = Views.flatIterable(img).localizingCursor();
		while (cursor.hasNext()) {
			cursor.fwd();
			long plane = 0; // 0-based stack index: dimension 2 fastest
			for (int d = img.numDimensions() - 1; d >= 2; d--)
				plane = plane * img.dimension(d) + cursor.getLongPosition(d);
			cursor.get().setReal(value((int) plane + 1, cursor.getIntPosition(0), cursor.getIntPosition(1)));
		}
	}

	/** Same size, sample infos (positions, labels) and raw pixels, bit for bit. */
	static void assertSameSamples(ImageSampler expected, ImageSampler actual) {
		assertEquals(expected.size(), actual.size());
		assertArrayEquals(expected.samplePlaneDimensions(), actual.samplePlaneDimensions());
		int length = expected.shape().sampleLength();
		for (int i = 0; i < expected.size(); i++) {
			assertEquals(expected.info(i), actual.info(i));
			float[] want = new float[length], got = new float[length];
			expected.copyRaw(i, want, 0);
			actual.copyRaw(i, got, 0);
			assertArrayEquals("sample " + i, want, got, 0);
		}
	}

	private static void assertSameSamples(ImagePlus imp, AxisImage image, ImageShape shape, Sampling... samplings) {
		for (Sampling sampling : samplings)
			assertSameSamples(ImageSampler.of(imp, shape, sampling), ImageSampler.of(image, shape, sampling));
	}

	@Test
	public void arrayImgWithZAxisIsSampledAsTheStack() {
		ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(40, 24, 5);
		fill(img);
		AxisImage image = AxisImage.of("cells", img, Axis.X, Axis.Y, Axis.Z).withLabels(n -> "plane" + n);
		ImagePlus imp = TestImages.shorts("cells", 40, 24, 5, AxisImageTest::value);
		assertSameSamples(imp, image, GREY16, Sampling.resize(), Sampling.tile(16), Sampling.tile(5));
	}

	@Test
	public void planarImgIsReadFromItsPlanesInEitherAxisOrder() {
		ImagePlus imp = TestImages.shorts("planes", 20, 18, 6, AxisImageTest::value);
		imp.setDimensions(2, 1, 3);
		PlanarImg<UnsignedShortType, ?> xyct = PlanarImgs.unsignedShorts(20, 18, 2, 3);
		fill(xyct);
		AxisImage inStackOrder = AxisImage.of("planes", xyct, Axis.X, Axis.Y, Axis.CHANNEL, Axis.TIME)
				.withLabels(n -> "plane" + n);
		assertSameSamples(imp, inStackOrder, GREY16, Sampling.resize(), Sampling.tile(4));
		// a planar image of (x, y, t, c): its planes are out of stack order, so it is read through views
		PlanarImg<UnsignedShortType, ?> xytc = PlanarImgs.unsignedShorts(20, 18, 3, 2);
		fill(Views.permute(xytc, 2, 3));
		AxisImage outOfStackOrder = AxisImage.of("planes", xytc, Axis.X, Axis.Y, Axis.TIME, Axis.CHANNEL)
				.withLabels(n -> "plane" + n);
		assertSameSamples(imp, outOfStackOrder, GREY16, Sampling.resize(), Sampling.tile(4));
	}

	@Test
	public void cellImgWithChannelsAndFramesIsSampledAsTheHyperstack() {
		// cells smaller than a plane, as a chunked file reader gives them: read through views, not plane arrays
		Img<FloatType> img = new CellImgFactory<>(new FloatType(), 8, 8, 1, 1).create(20, 18, 3, 4);
		fill(img);
		AxisImage image = AxisImage.of("hyper", img, Axis.X, Axis.Y, Axis.CHANNEL, Axis.TIME)
				.withLabels(n -> "plane" + n);
		ImagePlus imp = TestImages.floats("hyper", 20, 18, 12, AxisImageTest::value);
		imp.setDimensions(3, 1, 4);
		assertSameSamples(imp, image, GREY16, Sampling.resize(), Sampling.tile(4));
		assertSameSamples(imp, image, RGB16, Sampling.resize(), Sampling.tile(4));
		assertEquals(4, ImageSampler.of(image, RGB16, Sampling.resize()).size()); // one sample per t
		assertEquals(
				new SampleInfo(2, 7, 1, 1, 3, 0, 0, false, "plane7"),
				ImageSampler.of(image, RGB16, Sampling.resize()).info(2));
	}

	@Test
	public void axesInAnyOrderAndIntervalsNotAtZero() {
		// dimensions (z, x, y), moved so that they start at (3, -5, 7)
		ArrayImg<UnsignedShortType, ?> xyz = ArrayImgs.unsignedShorts(20, 18, 3);
		fill(xyz);
		RandomAccessibleInterval<UnsignedShortType> zxy = Views.translate(Views.moveAxis(xyz, 2, 0), 3, -5, 7);
		AxisImage image = AxisImage.of("moved", zxy, Axis.Z, Axis.X, Axis.Y).withLabels(n -> "plane" + n);
		ImagePlus imp = TestImages.shorts("moved", 20, 18, 3, AxisImageTest::value);
		assertSameSamples(imp, image, GREY16, Sampling.resize(), Sampling.tile(4));
	}

	@Test
	public void argbImageIsAnRgbImage() {
		ArrayImg<ARGBType, IntArray> argb = ArrayImgs.argbs(16, 20);
		ImagePlus imp = TestImages.rgb("photo", 16, 20, 1, (n, xy) -> 0x123456 + 7 * xy);
		Cursor<ARGBType> cursor = argb.localizingCursor();
		while (cursor.hasNext()) {
			cursor.fwd();
			int x = cursor.getIntPosition(0), y = cursor.getIntPosition(1);
			cursor.get().set(imp.getProcessor().get(x, y));
		}
		AxisImage image = AxisImage.of("photo", argb, Axis.X, Axis.Y).withLabels(n -> "rgb1");
		assertSameSamples(imp, image, RGB16, Sampling.resize(), Sampling.tile(2));
		assertMessage(() -> ImageSampler.of(image, GREY16, Sampling.resize()), "'photo' is RGB");
	}

	@Test
	public void axesThatDoNotFitNameTheImage() {
		ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(16, 16, 2);
		assertMessage(
				() -> AxisImage.of("stack.n5", img, Axis.X, Axis.Y),
				"Image 'stack.n5' has 3 dimensions [16, 16, 2] but 2 axes [X, Y]",
				"one axis");
		assertMessage(() -> AxisImage.of("stack.n5", img, Axis.X, Axis.Y, Axis.X), "'stack.n5' names axis X twice");
		assertMessage(
				() -> AxisImage.of("stack.n5", img, Axis.X, Axis.Z, Axis.TIME),
				"'stack.n5' has no Y axis in [X, Z, TIME]");
		assertMessage(
				() -> AxisImage.of("waves", ArrayImgs.complexFloats(16, 16), Axis.X, Axis.Y),
				"Image 'waves' has pixels of type " + ComplexFloatType.class.getSimpleName());
	}

	@Test
	public void nonFiniteValuesNameThePlane() {
		Img<FloatType> img = new CellImgFactory<>(new FloatType(), 8, 8, 1).create(16, 16, 3);
		Views.hyperSlice(img, 2, 2).getAt(5, 3).set(Float.NaN);
		AxisImage image = AxisImage.of("volume", img, Axis.X, Axis.Y, Axis.Z).withLabels(n -> "z" + n);
		assertMessage(
				() -> ImageSampler.of(image, GREY16, Sampling.resize()).checkFinite(),
				"Image 'volume': slice 3 (z3) holds NaN at x=5, y=3");
	}

	@Test
	public void fileLabels() {
		ArrayImg<UnsignedShortType, ?> one = ArrayImgs.unsignedShorts(16, 16);
		assertEquals(
				"a.tif",
				AxisImage.of("a", one, Axis.X, Axis.Y).labelledByFile("a.tif").label(1));
		AxisImage three = AxisImage.of("b", ArrayImgs.unsignedShorts(16, 16, 3), Axis.X, Axis.Y, Axis.Z)
				.withLabels(n -> n == 2 ? "middle" : null)
				.labelledByFile("b.tif");
		assertEquals("b.tif (slice 1)", three.label(1));
		assertEquals("b.tif (middle)", three.label(2));
	}

	@Test
	public void calibrationRoundTripsThroughImageJ() {
		ImagePlus imp = TestImages.bytes("scaled", 16, 16, 4, (n, x, y) -> 0);
		imp.setDimensions(1, 2, 2);
		Calibration calibration = imp.getCalibration();
		calibration.pixelWidth = 0.25;
		calibration.pixelHeight = 0.5;
		calibration.pixelDepth = 2;
		calibration.xOrigin = 3;
		calibration.zOrigin = -1;
		calibration.setUnit("µm");
		calibration.setZUnit("mm");
		calibration.frameInterval = 1.5;
		calibration.setTimeUnit("min");
		Calibration back = ImagePlusImage.calibration(ImagePlusImage.wrap(imp));
		assertEquals(0.25, back.pixelWidth, 0);
		assertEquals(0.5, back.pixelHeight, 0);
		assertEquals(2, back.pixelDepth, 0);
		assertEquals(3, back.xOrigin, 0);
		assertEquals(-1, back.zOrigin, 0);
		assertEquals("µm", back.getXUnit());
		assertEquals("µm", back.getYUnit());
		assertEquals("mm", back.getZUnit());
		assertEquals(1.5, back.frameInterval, 0);
		assertEquals("min", back.getTimeUnit());

		AxisImage plain = AxisImage.of("plain", ArrayImgs.unsignedBytes(16, 16), Axis.X, Axis.Y);
		assertFalse(ImagePlusImage.calibration(plain).scaled());
		Calibration micrometres = ImagePlusImage.calibration(plain.withScale(Axis.X, new AxisScale(0.1, 0, "µm")));
		assertEquals(0.1, micrometres.pixelWidth, 0);
		assertEquals("µm", micrometres.getXUnit());
	}
}
