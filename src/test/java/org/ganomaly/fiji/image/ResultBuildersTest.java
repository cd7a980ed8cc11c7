package org.ganomaly.fiji.image;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.util.Arrays;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.data.Sampling;
import org.junit.Test;

public class ResultBuildersTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);
	private static final ImageShape RGB16 = new ImageShape(3, 16);

	private static float[] filled(int length, float value) {
		float[] data = new float[length];
		Arrays.fill(data, value);
		return data;
	}

	@Test
	public void greyReconstructionsReturnToIntensityUnits() {
		ImagePlus input = TestImages.shorts("cells", 40, 20, 1, (n, x, y) -> 50 * x + y);
		IntensityRange range = new IntensityRange(0, 4000);
		ImageSampleSet set = ImageSampleSet.of(input, GREY16, Sampling.tile(16), range);
		ReconstructionStackBuilder builder = ReconstructionStackBuilder.forSampler(set.sampler(), range);
		float[] batch = new float[set.size() * 256];
		for (int i = 0; i < set.size(); i++) set.copyTo(i, batch, i * 256);
		for (int i = 0; i < set.size(); i++) builder.add(batch, i * 256, set.info(i)); // a perfect reconstruction
		assertEquals(6, builder.size());
		ImagePlus out = builder.build();

		assertEquals("Reconstruction of cells", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertEquals(6, out.getStackSize());
		assertEquals("plane1 tile 24,4", out.getStack().getSliceLabel(6));
		assertEquals(50 * (24 + 3) + (4 + 2), out.getStack().getProcessor(6).getf(3, 2), 1e-3);
	}

	@Test
	public void rgbReconstructionsArePackedAndClipped() {
		ImagePlus input = TestImages.rgb("photo", 16, 16, 1, (n, xy) -> 0);
		ReconstructionStackBuilder builder = ReconstructionStackBuilder.forSampler(
				ImageSampler.of(input, RGB16, Sampling.resize()), IntensityRange.BYTE);
		float[] sample = new float[3 * 256];
		sample[0] = 1; // red 255
		sample[256] = -1; // green 0
		sample[512] = IntensityRange.BYTE.toNetwork(128);
		sample[1] = 1.5f; // beyond the range: clipped to 255
		builder.add(sample, 0, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "photo"));
		ImagePlus out = builder.build();
		assertEquals(24, out.getBitDepth());
		ColorProcessor cp = (ColorProcessor) out.getProcessor();
		assertArrayEquals(new int[] {255, 0, 128}, cp.getPixel(0, 0, null));
		assertEquals(255, cp.getPixel(1, 0, null)[0]);
		assertEquals("photo", out.getStack().getSliceLabel(1));
	}

	@Test
	public void threeChannelReconstructionsOfHyperstacksKeepChannels() {
		ImageShape shape = RGB16;
		ReconstructionStackBuilder builder =
				new ReconstructionStackBuilder(shape, new IntensityRange(0, 2), false, "r");
		float[] sample = new float[3 * 256];
		for (int c = 0; c < 3; c++)
			Arrays.fill(sample, c * 256, (c + 1) * 256, c - 1); // channel values 0, 1, 2 after mapping
		builder.add(sample, 0, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "a"));
		builder.add(sample, 0, new SampleInfo(1, 4, 1, 2, 1, 0, 0, false, "b"));
		ImagePlus out = builder.build();
		assertArrayEquals(new int[] {16, 16, 3, 1, 2}, out.getDimensions());
		assertEquals(2, out.getStack().getProcessor(out.getStackIndex(3, 1, 2)).getf(5, 5), 1e-6);
		assertEquals("b c2", out.getStack().getSliceLabel(5));
		assertThrows(
				IllegalArgumentException.class,
				() -> new ReconstructionStackBuilder(GREY16, IntensityRange.BYTE, true, "x"));
	}

	@Test
	public void anomalyMapsAreInIntensityUnits() {
		AnomalyMapStackBuilder grey =
				new AnomalyMapStackBuilder(GREY16, MapUnits.intensity(new IntensityRange(0, 1000)), "map");
		float[] map = filled(256, 0.25f);
		map[7] = 0.5f;
		grey.add(map, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "s"));
		assertEquals(1, grey.size());
		ImagePlus out = grey.build();
		assertEquals(32, out.getBitDepth());
		assertEquals(0.25 * 500, out.getProcessor().getf(0, 0), 1e-4); // network 0.25 = 125 intensity units
		assertEquals(0.5 * 500, out.getProcessor().getf(7, 0), 1e-4);
		assertEquals("the scorer's map is not changed", 0.25f, map[0], 0);
	}

	@Test
	public void heatMapAveragesOverlappingTilesAtFullSize() {
		// 40×20, tiles 16 every 8 pixels: x origins 0, 8, 16, 24; y origins 0, 4. Tile k's error is k + 1 everywhere.
		ImagePlus input = TestImages.floats("tissue", 40, 20, 2, (n, x, y) -> x);
		input.getCalibration().pixelWidth = 0.5;
		IntensityRange range = new IntensityRange(-1, 1); // network units = intensity units
		ImageSampleSet set = ImageSampleSet.of(input, GREY16, Sampling.tile(8), range);
		assertEquals(16, set.size());
		TileHeatMapBuilder builder = new TileHeatMapBuilder(set.sampler(), MapUnits.intensity(range));
		float[] sample = new float[256];
		for (int i = set.size() - 1; i >= 0; i--) { // any order
			set.copyTo(i, sample, 0);
			builder.add(filled(256, (i % 8) + 1), set.info(i));
		}
		ImagePlus heat = builder.build();
		assertEquals(40, heat.getWidth());
		assertEquals(20, heat.getHeight());
		assertEquals(2, heat.getStackSize());
		assertEquals("plane2", heat.getStack().getSliceLabel(2));
		assertEquals(0.5, heat.getCalibration().pixelWidth, 0);

		int[] xs = {0, 8, 16, 24}, ys = {0, 4};
		for (int y = 0; y < 20; y++)
			for (int x = 0; x < 40; x++) {
				double sum = 0;
				int count = 0;
				for (int ty = 0; ty < 2; ty++)
					for (int tx = 0; tx < 4; tx++)
						if (x >= xs[tx] && x < xs[tx] + 16 && y >= ys[ty] && y < ys[ty] + 16) {
							sum += ty * 4 + tx + 1;
							count++;
						}
				assertEquals(
						"x " + x + ", y " + y,
						sum / count,
						heat.getStack().getProcessor(2).getf(x, y),
						1e-4);
			}
	}

	@Test
	public void heatMapKeepsHyperstackLayout() {
		ImagePlus input = TestImages.shorts("hyper", 16, 16, 12, (n, x, y) -> n);
		input.setDimensions(3, 2, 2);
		IntensityRange range = new IntensityRange(0, 20);
		for (ImageShape shape : new ImageShape[] {GREY16, RGB16}) {
			ImageSampleSet set = ImageSampleSet.of(input, shape, Sampling.tile(16), range);
			TileHeatMapBuilder builder = new TileHeatMapBuilder(set.sampler(), MapUnits.intensity(range));
			for (int i = 0; i < set.size(); i++) builder.add(new float[256], set.info(i));
			int[] dims = builder.build().getDimensions();
			assertArrayEquals(new int[] {16, 16, shape.channels() == 1 ? 3 : 1, 2, 2}, dims);
		}
	}

	@Test
	public void heatMapRefusesIncompleteDuplicateOrResizedInput() {
		ImagePlus input = TestImages.bytes("b", 32, 16, 1, (n, x, y) -> 0);
		IntensityRange range = IntensityRange.BYTE;
		ImageSampleSet set = ImageSampleSet.of(input, GREY16, Sampling.tile(16), range);
		TileHeatMapBuilder builder = new TileHeatMapBuilder(set.sampler(), MapUnits.intensity(range));
		float[] map = new float[256];
		builder.add(map, set.info(0));
		assertThrows(IllegalStateException.class, () -> builder.add(map, set.info(0)));
		IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
		assertEquals("The heat map of 'b' still lacks 1 of 2 tiles.", e.getMessage());
		ImageSamplerTest.assertMessage(
				() -> new TileHeatMapBuilder(
						ImageSampler.of(input, GREY16, Sampling.resize()), MapUnits.intensity(range)),
				"needs TILE sampling");
	}
}
