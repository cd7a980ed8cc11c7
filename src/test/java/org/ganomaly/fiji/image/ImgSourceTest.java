package org.ganomaly.fiji.image;

import static org.ganomaly.fiji.image.AxisImageTest.assertSameSamples;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;

/** An image source that is not an ImagePlus: everything a command asks of it equals the open image's answer. */
public class ImgSourceTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);

	@Test
	public void givesTheSamplesAndRangeOfTheOpenImage() {
		ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(32, 32, 6);
		AxisImageTest.fill(img);
		ImgSource source =
				new ImgSource(AxisImage.of("cells", img, Axis.X, Axis.Y, Axis.Z).withLabels(n -> "plane" + n));
		OpenImageSource open = new OpenImageSource(TestImages.shorts("cells", 32, 32, 6, AxisImageTest::value));
		Sampling sampling = Sampling.tile(8);
		assertEquals("cells", source.name());
		assertEquals(1, source.defaultChannels());
		assertFalse(source.imagesAreFiles());
		IntensityRange range = open.estimateRange(GREY16, sampling);
		assertEquals(range, source.estimateRange(GREY16, sampling));

		SampleSet want = open.samples(GREY16, sampling, range, warning -> {});
		SampleSet got = source.samples(GREY16, sampling, range, warning -> {});
		assertEquals(6 * 9, got.size()); // 3×3 tiles per plane
		for (int i = 0; i < want.size(); i++) {
			float[] a = new float[256], b = new float[256];
			want.copyTo(i, a, 0);
			got.copyTo(i, b, 0);
			assertArrayEquals(a, b, 0);
		}
		ImageSource.Images images = source.images(GREY16, sampling);
		assertEquals(1, images.count());
		assertSameSamples(
				open.images(GREY16, sampling).next().sampler(), images.next().sampler());
	}

	@Test
	public void rgbImagesCallForThreeChannels() {
		ImgSource rgb = new ImgSource(AxisImage.of("photo", ArrayImgs.argbs(16, 16), Axis.X, Axis.Y));
		assertEquals(3, rgb.defaultChannels());
	}
}
