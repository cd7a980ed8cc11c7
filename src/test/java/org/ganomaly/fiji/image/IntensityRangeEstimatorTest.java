package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ij.ImagePlus;
import java.util.Random;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;

public class IntensityRangeEstimatorTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);

	private static IntensityRange estimate(ImagePlus imp, ImageShape shape, Sampling sampling) {
		return IntensityRangeEstimator.estimate(ImageSampler.of(imp, shape, sampling));
	}

	@Test
	public void byteValuedImagesUseTheByteRange() {
		assertEquals(
				IntensityRange.BYTE,
				estimate(TestImages.bytes("b", 16, 16, 1, (n, x, y) -> 7), GREY16, Sampling.resize()));
		assertEquals(
				IntensityRange.BYTE,
				estimate(
						TestImages.rgb("c", 16, 16, 1, (n, xy) -> 0x010203), new ImageShape(3, 16), Sampling.resize()));
	}

	@Test
	public void percentilesOfAllSamplePixels() {
		// 64×64 16-bit, values 0..4095 once each, cut in non-overlapping tiles: NumPy's percentile gives these
		ImagePlus imp = TestImages.shorts("ramp", 64, 64, 1, (n, x, y) -> 64 * y + x);
		IntensityRange range = estimate(imp, GREY16, Sampling.tile(16));
		assertEquals(0.001 * 4095, range.min(), 1e-9);
		assertEquals(0.999 * 4095, range.max(), 1e-6);
	}

	@Test
	public void extremePixelsDoNotStretchTheRange() {
		// 32-bit, values 100..199 plus one huge and one very negative pixel among 4096: both lie in the 0.1 % tails
		ImagePlus imp = TestImages.floats(
				"spots",
				64,
				64,
				1,
				(n, x, y) -> x == 3 && y == 5 ? 1e6 : x == 9 && y == 1 ? -1e6 : 100 + (x + y) % 100);
		IntensityRange range = estimate(imp, GREY16, Sampling.tile(16));
		assertTrue(range.toString(), range.min() >= 100 && range.min() < 101);
		assertTrue(range.toString(), range.max() <= 199 && range.max() > 190);
	}

	@Test
	public void constantImagesStillGiveAValidRange() {
		assertEquals(
				new IntensityRange(499, 501),
				estimate(TestImages.shorts("flat", 16, 16, 1, (n, x, y) -> 500), GREY16, Sampling.tile(16)));
		// more than 99.8 % equal: the percentiles coincide, so the full min..max is used
		assertEquals(
				new IntensityRange(10, 20),
				estimate(
						TestImages.shorts("almost", 64, 64, 1, (n, x, y) -> x == 0 && y == 0 ? 20 : 10),
						GREY16,
						Sampling.tile(16)));
	}

	@Test
	public void largeDataIsSampledWithBoundedMemory() {
		// 2 × 1024 × 1024 uniform random pixels, twice the reservoir: percentiles still within sampling error
		Random random = new Random(3);
		ImagePlus imp = TestImages.floats("noise", 1024, 1024, 2, (n, x, y) -> random.nextFloat());
		IntensityRange range = estimate(imp, new ImageShape(1, 256), Sampling.tile(256));
		assertEquals(0.001, range.min(), 2e-4);
		assertEquals(0.999, range.max(), 2e-4);
	}

	@Test
	public void mixingByteAndWideImagesIsAnError() {
		IntensityRangeEstimator estimator = new IntensityRangeEstimator();
		estimator.add(
				ImageSampler.of(TestImages.bytes("eight.png", 16, 16, 1, (n, x, y) -> 1), GREY16, Sampling.resize()));
		IllegalArgumentException e = assertThrows(
				IllegalArgumentException.class,
				() -> estimator.add(ImageSampler.of(
						TestImages.shorts("sixteen.tif", 16, 16, 1, (n, x, y) -> 1), GREY16, Sampling.resize())));
		assertTrue(
				e.getMessage(),
				e.getMessage().contains("'eight.png'") && e.getMessage().contains("'sixteen.tif'"));
	}

	@Test
	public void nothingAddedIsAnError() {
		assertThrows(IllegalStateException.class, () -> new IntensityRangeEstimator().estimate());
	}
}
