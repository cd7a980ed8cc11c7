package org.ganomaly.fiji.image;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import java.util.Objects;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class ImageSamplerTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);
	private static final ImageShape RGB16 = new ImageShape(3, 16);

	private static float[] raw(ImageSampler sampler, int index) {
		float[] sample = new float[sampler.shape().sampleLength()];
		sampler.copyRaw(index, sample, 0);
		return sample;
	}

	@Test
	public void tileOriginsCoverTheAxisAndEndFlush() {
		assertArrayEquals(new int[] {0}, ImageSampler.tileOrigins(16, 16, 16));
		assertArrayEquals(new int[] {0, 16, 24}, ImageSampler.tileOrigins(40, 16, 16));
		assertArrayEquals(new int[] {0, 8, 16, 24}, ImageSampler.tileOrigins(40, 16, 8));
		assertArrayEquals(new int[] {0, 16}, ImageSampler.tileOrigins(32, 16, 16));
		assertArrayEquals(new int[] {0, 10, 20, 30, 34}, ImageSampler.tileOrigins(50, 16, 10));
		assertArrayEquals(new int[] {0, 1, 2}, ImageSampler.tileOrigins(18, 16, 1));
	}

	@Test
	public void tilesOf8BitStack() {
		// value = 100·plane + x + y, 40×20 pixels, 2 planes
		ImagePlus imp = TestImages.bytes("ramp", 40, 20, 2, (n, x, y) -> 100 * (n - 1) + x + y);
		ImageSampler sampler = ImageSampler.of(imp, GREY16, Sampling.tile(16));
		assertEquals(3 * 2, sampler.tilesPerPlane()); // x: 0, 16, 24; y: 0, 4
		assertEquals(12, sampler.size());
		assertEquals(2, sampler.samplePlanes());

		SampleInfo info = sampler.info(7); // plane 2, tile 1 → x 16, y 0
		assertEquals(new SampleInfo(7, 2, 1, 2, 1, 16, 0, true, "plane2"), info);
		SampleInfo last = sampler.info(11);
		assertEquals(24, last.tileX());
		assertEquals(4, last.tileY());
		assertEquals("plane2 tile 24,4", last.sampleName());

		float[] sample = raw(sampler, 11);
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 16; x++) assertEquals(100 + (24 + x) + (4 + y), sample[y * 16 + x], 0);
	}

	@Test
	public void resizeShrinksWithAreaWeightsAndStretchesAspect() {
		// 32×64 plane, value = x: shrinking x by 2 averages pixels 2i−1..2i+2 with weights ¼ ¾ ¾ ¼ → 2i + ½
		ImagePlus imp = TestImages.floats("ramp", 32, 64, 1, (n, x, y) -> x);
		ImageSampler sampler = ImageSampler.of(imp, GREY16, Sampling.resize());
		assertEquals(1, sampler.size());
		assertEquals(new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "plane1"), sampler.info(0));
		float[] sample = raw(sampler, 0);
		for (int y = 0; y < 16; y++) {
			for (int i = 1; i < 15; i++)
				assertEquals("row " + y + ", column " + i, 2 * i + 0.5, sample[y * 16 + i], 1e-5);
			// at the border only pixels 0, 1, 2 exist: (0·¾ + 1·¾ + 2·¼) / 1¾
			assertEquals(1.25 / 1.75, sample[y * 16], 1e-5);
		}
	}

	@Test
	public void resizeEnlargesBilinearly() {
		// 8×8 plane, value = 10·y: enlarging ×2 puts output row j at input position j/2 − ¼
		ImagePlus imp = TestImages.shorts("ramp", 8, 8, 1, (n, x, y) -> 10 * y);
		float[] sample = raw(ImageSampler.of(imp, GREY16, Sampling.resize()), 0);
		for (int j = 1; j < 15; j++) assertEquals(10 * (j / 2.0 - 0.25), sample[j * 16 + 5], 1e-4);
		assertEquals(0, sample[3], 0); // edge rows repeat the edge pixel
		assertEquals(70, sample[15 * 16 + 3], 1e-4);
	}

	@Test
	public void resizeKeepsConstantAndSameSizePlanes() {
		ImagePlus same = TestImages.bytes("same", 16, 16, 1, (n, x, y) -> (x * 7 + y * 3) % 256);
		float[] sample = raw(ImageSampler.of(same, GREY16, Sampling.resize()), 0);
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 16; x++) assertEquals((x * 7 + y * 3) % 256, sample[y * 16 + x], 1e-4);
		ImagePlus flat = TestImages.floats("flat", 37, 23, 1, (n, x, y) -> 5.5);
		for (float v : raw(ImageSampler.of(flat, GREY16, Sampling.resize()), 0)) assertEquals(5.5, v, 1e-5);
	}

	@Test
	public void rgbGivesRedGreenBluePlanes() {
		ImagePlus imp = TestImages.rgb("colour", 16, 16, 2, (n, xy) -> (n << 16) | ((xy % 256) << 8) | 200);
		ImageSampler sampler = ImageSampler.of(imp, RGB16, Sampling.tile(16));
		assertTrue(sampler.isRgb());
		assertEquals(2, sampler.size());
		float[] sample = raw(sampler, 1);
		assertEquals(2, sample[0], 0); // red of plane 2
		assertEquals(3 % 256, sample[256 + 3], 0); // green at x 3, y 0
		assertEquals((5 + 1000 * 2) % 256, sample[256 + 2 * 16 + 5], 0); // green at x 5, y 2
		assertEquals(200, sample[512 + 77], 0); // blue
	}

	@Test
	public void hyperstackChannelsAndPositions() {
		// C=3, Z=2, T=2: value = plane index (1-based), planes ordered c fastest, then z, then t
		ImagePlus imp = TestImages.shorts("hyper", 16, 16, 12, (n, x, y) -> n);
		imp.setDimensions(3, 2, 2);

		ImageSampler grey = ImageSampler.of(imp, GREY16, Sampling.resize());
		assertEquals(12, grey.size());
		SampleInfo info = grey.info(10); // stack index 11 = c2 z2 t2
		assertEquals(new SampleInfo(10, 11, 2, 2, 2, 0, 0, false, "plane11"), info);
		assertEquals(11, raw(grey, 10)[0], 0);
		assertArrayEquals(new int[] {3, 2, 2}, grey.samplePlaneDimensions());

		ImageSampler colour = ImageSampler.of(imp, RGB16, Sampling.resize());
		assertFalse(colour.isRgb());
		assertEquals(4, colour.size()); // one per (z, t)
		SampleInfo zt = colour.info(2); // z1 t2 → stack index 7
		assertEquals(new SampleInfo(2, 7, 1, 1, 2, 0, 0, false, "plane7"), zt);
		float[] sample = raw(colour, 2);
		assertEquals(7, sample[0], 0);
		assertEquals(8, sample[256], 0);
		assertEquals(9, sample[512], 0);
		assertArrayEquals(new int[] {1, 2, 2}, colour.samplePlaneDimensions());
	}

	@Test
	public void readsStackPixelsWithoutCopying() {
		ImagePlus imp = TestImages.bytes("live", 16, 16, 2, (n, x, y) -> 1);
		ImageSampler sampler = ImageSampler.of(imp, GREY16, Sampling.resize());
		assertEquals(1, raw(sampler, 1)[0], 0);
		// the sampler wraps the stack's own arrays, so a later change is seen
		((byte[]) imp.getStack().getPixels(2))[0] = 42;
		assertEquals(42, raw(sampler, 1)[0], 0);
	}

	@Test
	public void inputIsNotModified() {
		for (ImagePlus imp : new ImagePlus[] {
			TestImages.bytes("b", 40, 20, 2, (n, x, y) -> x + y),
			TestImages.shorts("s", 40, 20, 2, (n, x, y) -> 1000 * x + y),
			TestImages.floats("f", 40, 20, 2, (n, x, y) -> x - 0.5 * y),
			TestImages.rgb("c", 40, 20, 2, (n, xy) -> xy * 7919)
		}) {
			Object[] before = TestImages.snapshot(imp);
			ImageShape shape = new ImageShape(imp.getBitDepth() == 24 ? 3 : 1, 16);
			for (Sampling sampling : new Sampling[] {Sampling.resize(), Sampling.tile(5)}) {
				ImageSampler sampler = ImageSampler.of(imp, shape, sampling);
				for (int i = 0; i < sampler.size(); i++) raw(sampler, i);
			}
			Object[] after = TestImages.snapshot(imp);
			for (int n = 0; n < before.length; n++)
				assertTrue(imp.getTitle() + " plane " + n, Objects.deepEquals(before[n], after[n]));
		}
	}

	@Test
	public void sliceWithoutLabelIsNamedByPosition() {
		ImagePlus imp = new ImagePlus("single", new FloatProcessor(16, 16));
		SampleInfo info = ImageSampler.of(imp, GREY16, Sampling.resize()).info(0);
		assertNull(info.label());
		assertEquals("c1 z1 t1", info.planeName());
	}

	@Test
	public void channelMismatchesSayWhatToDo() {
		ImagePlus rgb = TestImages.rgb("photo.jpg", 16, 16, 1, (n, xy) -> 0);
		assertMessage(
				() -> ImageSampler.of(rgb, GREY16, Sampling.resize()), "'photo.jpg' is RGB", "Image > Type > 8-bit");
		ImagePlus grey = TestImages.bytes("cells", 16, 16, 3, (n, x, y) -> 0);
		assertMessage(
				() -> ImageSampler.of(grey, RGB16, Sampling.resize()),
				"'cells' is grey",
				"Image > Type > RGB Color",
				"Stack to HyperStack");
	}

	@Test
	public void tooSmallForTilesSuggestsResizeOrSmallerModel() {
		ImagePlus small = TestImages.bytes("small", 40, 20, 1, (n, x, y) -> 0);
		assertMessage(
				() -> ImageSampler.of(small, new ImageShape(1, 32), Sampling.tile(32)),
				"'small' is 40×20",
				"smaller than the model's 32×32 tiles",
				"with sampling 'resize'",
				"tiles of size 16 or smaller");
		assertMessage(() -> ImageSampler.of(small, GREY16, Sampling.tile(17)), "stride 17", "gaps");
	}

	@Test
	public void emptyImageIsRejected() {
		assertMessage(() -> ImageSampler.of(new ImagePlus(), GREY16, Sampling.resize()), "is empty");
		ImagePlus noSlices = new ImagePlus();
		noSlices.setTitle("nothing");
		assertMessage(() -> ImageSampler.of(noSlices, GREY16, Sampling.resize()), "'nothing' is empty");
	}

	@Test
	public void nonFiniteValuesNameTheSlice() {
		ImageStack stack = new ImageStack(16, 16);
		for (int n = 1; n <= 8; n++) stack.addSlice("cell" + n, new FloatProcessor(16, 16));
		((float[]) stack.getPixels(7))[3 * 16 + 5] = Float.NaN;
		((float[]) stack.getPixels(8))[0] = Float.NEGATIVE_INFINITY;
		ImagePlus imp = new ImagePlus("holes", stack);
		ImageSampler sampler = ImageSampler.of(imp, GREY16, Sampling.tile(16));
		raw(sampler, 5); // slice 6 is fine
		assertMessage(() -> raw(sampler, 6), "Image 'holes': slice 7 (cell7) holds NaN at x=5, y=3", "Remove NaNs");
		assertMessage(sampler::checkFinite, "slice 7 (cell7) holds NaN");
		assertMessage(() -> raw(sampler, 7), "slice 8 (cell8) holds -Infinity");
	}

	static void assertMessage(ThrowingRunnable call, String... parts) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		for (String part : parts)
			assertTrue(
					"'" + part + "' missing from: " + e.getMessage(),
					e.getMessage().contains(part));
	}
}
