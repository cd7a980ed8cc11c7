package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;

import ij.ImagePlus;
import ij.plugin.LutLoader;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.score.Calibration;
import org.junit.Test;

public class OverlayStackBuilderTest {

	private static final ImageShape GREY = new ImageShape(1, 16);

	@Test
	public void coldPixelsShowTheSampleAndTheHottestTheFireColourAtItsOpacity() {
		OverlayStackBuilder builder =
				new OverlayStackBuilder(GREY, MapUnits.intensity(IntensityRange.BYTE), "overlays");
		float[] sample = new float[256];
		Arrays.fill(sample, 0); // grey 128 (network 0)
		float[] map = new float[256];
		map[5] = 0.5f; // the hottest pixel sets the top of the scale
		builder.add(sample, map, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "defect"));
		builder.add(sample, new float[256], new SampleInfo(1, 1, 1, 2, 2, 0, 0, false, "normal"));
		ImagePlus overlays = builder.build();
		assertEquals(ImagePlus.COLOR_RGB, overlays.getType());
		assertEquals(2, overlays.getStackSize());
		assertEquals("normal", overlays.getStack().getSliceLabel(2));
		int[] defect = (int[]) overlays.getStack().getPixels(1);
		assertEquals("a cold pixel shows the sample", 0x808080, defect[0] & 0xffffff);
		IndexColorModel fire = LutLoader.getLut("fire");
		double opacity = OverlayStackBuilder.MAX_OPACITY;
		int red = (int) Math.round((1 - opacity) * 128 + opacity * fire.getRed(255));
		int blue = (int) Math.round((1 - opacity) * 128 + opacity * fire.getBlue(255));
		assertEquals(red, (defect[5] >> 16) & 255);
		assertEquals(blue, defect[5] & 255);
		for (int v : (int[]) overlays.getStack().getPixels(2)) assertEquals(0x808080, v & 0xffffff);
	}

	@Test
	public void calibratedMapsAreColouredFromTheirFixedScale() {
		Calibration pixels = Calibration.of(new double[] {0, 0.1, 0.2, 0.3}, "validation", 0.999);
		OverlayStackBuilder builder =
				new OverlayStackBuilder(GREY, MapUnits.calibrated(IntensityRange.BYTE, pixels), "calibrated overlays");
		float[] sample = new float[256];
		Arrays.fill(sample, -1); // black
		float[] map = new float[256];
		Arrays.fill(map, 0.25f); // calibrated 0.83: under the scale's bottom, 0.99
		map[0] = 1; // beyond every normal pixel: calibrated 1, the top of the scale
		builder.add(sample, map, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "s"));
		int[] out = (int[]) builder.build().getStack().getPixels(1);
		assertEquals("below the 0.99 bottom of the scale nothing is laid over", 0, out[1] & 0xffffff);
		IndexColorModel fire = LutLoader.getLut("fire");
		assertEquals((int) Math.round(OverlayStackBuilder.MAX_OPACITY * fire.getRed(255)), (out[0] >> 16) & 255);
	}
}
