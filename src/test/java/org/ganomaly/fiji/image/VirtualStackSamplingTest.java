package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.VirtualStack;
import ij.plugin.FolderOpener;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class VirtualStackSamplingTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	/** Generates 16-bit planes on demand (value = 1000·n + x) and records which planes were read. */
	private static final class CountingStack extends VirtualStack {
		final List<Integer> reads = new ArrayList<>();
		private final int planes;

		CountingStack(int planes) {
			super(32, 16, null, null);
			this.planes = planes;
		}

		@Override
		public int getSize() {
			return planes;
		}

		@Override
		public String getSliceLabel(int n) {
			return "generated" + n;
		}

		@Override
		public ImageProcessor getProcessor(int n) {
			reads.add(n);
			ShortProcessor ip = new ShortProcessor(32, 16);
			for (int y = 0; y < 16; y++) for (int x = 0; x < 32; x++) ip.set(x, y, 1000 * n + x);
			return ip;
		}
	}

	@Test
	public void tiffFolderOpenedAsVirtualStack() throws Exception {
		File dir = temp.newFolder("tiffs");
		for (int n = 1; n <= 4; n++) {
			ImagePlus plane = TestImages.shorts("p" + n, 20, 18, 1, (k, x, y) -> 0);
			ImageProcessor ip = plane.getProcessor();
			for (int y = 0; y < 18; y++) for (int x = 0; x < 20; x++) ip.set(x, y, 100 * n + x + y);
			assertTrue(IJ.saveAsTiff(plane, new File(dir, "img" + n + ".tif").getPath()));
		}
		ImagePlus imp = FolderOpener.open(dir.getPath(), "virtual");
		assertTrue(imp.getStack().isVirtual());

		ImageSampleSet set =
				ImageSampleSet.of(imp, new ImageShape(1, 16), Sampling.tile(16), new IntensityRange(0, 1000));
		assertEquals(4 * 4, set.size()); // 2×2 tiles per plane
		SampleInfo info = set.info(15);
		assertEquals(4, info.stackIndex());
		assertEquals("img4.tif", info.label());
		assertEquals(4, info.tileX());
		assertEquals(2, info.tileY());

		float[] sample = new float[2 + 256];
		set.copyTo(15, sample, 2);
		IntensityRange range = set.range();
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 16; x++)
				assertEquals(range.toNetwork(400 + (4 + x) + (2 + y)), sample[2 + y * 16 + x], 1e-6);
	}

	@Test
	public void virtualPlanesAreReadOnlyWhenNeededAndOncePerRun() {
		CountingStack stack = new CountingStack(50);
		ImagePlus imp = new ImagePlus("generated", stack);
		stack.reads.clear(); // ImagePlus reads plane 1 to show it
		ImageSampler sampler = ImageSampler.of(imp, new ImageShape(1, 16), Sampling.tile(8));
		assertEquals(50 * 3, sampler.size()); // x: 0, 8, 16
		float[] sample = new float[256];

		// all tiles of planes 10 and 11: each plane read once
		for (int i = 27; i < 33; i++) sampler.copyRaw(i, sample, 0);
		assertEquals(List.of(10, 11), stack.reads);
		assertEquals(11000 + 16, sample[0], 0);

		sampler.copyRaw(3 * 40, sample, 0);
		assertEquals(List.of(10, 11, 41), stack.reads);
		assertEquals("generated41", sampler.info(3 * 40).label());
	}

	@Test
	public void virtualSliceOfAnotherSizeOrTypeIsNamed() {
		ImagePlus imp = new ImagePlus("mixed", new VirtualStack(32, 16, null, null) {
			@Override
			public int getSize() {
				return 3;
			}

			@Override
			public String getSliceLabel(int n) {
				return "file" + n + ".tif";
			}

			@Override
			public ImageProcessor getProcessor(int n) {
				return switch (n) {
					case 2 -> new ByteProcessor(32, 16);
					case 3 -> new ShortProcessor(30, 16);
					default -> new ShortProcessor(32, 16);
				};
			}
		});
		ImageSampler sampler = ImageSampler.of(imp, new ImageShape(1, 16), Sampling.resize());
		float[] sample = new float[256];
		sampler.copyRaw(0, sample, 0);
		ImageSamplerTest.assertMessage(
				() -> sampler.copyRaw(1, sample, 0),
				"Image 'mixed': slice 2 (file2.tif) is 8-bit, but the stack is 16-bit");
		ImageSamplerTest.assertMessage(
				() -> sampler.copyRaw(2, sample, 0),
				"Image 'mixed': slice 3 (file3.tif) is 30×16 pixels, but the stack is 32×16");
	}
}
