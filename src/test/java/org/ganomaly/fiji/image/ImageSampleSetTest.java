package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;

import ij.ImagePlus;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;

public class ImageSampleSetTest {

	@Test
	public void byteImagesMapToMinusOneToOne() {
		// row y holds value 17·y: 0 → -1, 255 → +1
		ImagePlus imp = TestImages.bytes("b", 16, 16, 1, (n, x, y) -> 17 * y);
		ImageSampleSet set = ImageSampleSet.of(imp, new ImageShape(1, 16), Sampling.tile(16), IntensityRange.BYTE);
		float[] sample = new float[256];
		set.copyTo(0, sample, 0);
		assertEquals(-1, sample[0], 0);
		assertEquals(1, sample[15 * 16], 1e-7);
		assertEquals(2 * 17 * 7 / 255.0 - 1, sample[7 * 16 + 3], 1e-6);
	}

	@Test
	public void wideImagesMapLinearlyWithoutClipping() {
		ImagePlus imp = TestImages.shorts("s", 16, 16, 1, (n, x, y) -> x < 8 ? 200 : 400);
		IntensityRange range = new IntensityRange(100, 300);
		ImageSampleSet set = ImageSampleSet.of(imp, new ImageShape(1, 16), Sampling.resize(), range);
		assertEquals(range, set.range());
		float[] sample = new float[256];
		set.copyTo(0, sample, 0);
		assertEquals(0, sample[0], 1e-6); // the middle of the range
		assertEquals(2, sample[15], 1e-6); // 400 lies beyond the range and is kept: 2·300/200 − 1
	}

	@Test
	public void rgbChannelsMapSeparately() {
		ImagePlus imp = TestImages.rgb("c", 16, 16, 1, (n, xy) -> 0xFF0080);
		ImageSampleSet set = ImageSampleSet.of(imp, new ImageShape(3, 16), Sampling.resize(), IntensityRange.BYTE);
		float[] sample = new float[4 + 3 * 256];
		set.copyTo(0, sample, 4);
		assertEquals(1, sample[4], 1e-7);
		assertEquals(-1, sample[4 + 256], 0);
		assertEquals(IntensityRange.BYTE.toNetwork(128), sample[4 + 512 + 100], 1e-7);
	}
}
