package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.junit.Test;

public class MapDisplayTest {

	private static final ImageShape GREY = new ImageShape(1, 16);

	@Test
	public void aNormalMapLooksDarkBesideADefectOnTheStacksCommonScale() {
		AnomalyMapStackBuilder builder =
				new AnomalyMapStackBuilder(GREY, MapUnits.intensity(IntensityRange.BYTE), "maps");
		float[] normal = new float[256];
		float[] defect = new float[256];
		for (int i = 0; i < 256; i++) normal[i] = 0.01f; // small errors everywhere
		for (int i = 0; i < 64; i++) defect[i] = 1f; // a quarter of the image badly reconstructed
		builder.add(normal, new SampleInfo(0, 1, 1, 1, 1, 0, 0, false, "normal"));
		builder.add(defect, new SampleInfo(1, 1, 1, 2, 2, 0, 0, false, "defect"));
		ImagePlus maps = builder.build();
		double top = maps.getDisplayRangeMax();
		assertEquals(0, maps.getDisplayRangeMin(), 0);
		assertEquals("the defect's error in intensity units", 127.5, top, 1e-3);
		maps.setSlice(1);
		assertEquals("the scale stays when the slice changes", top, maps.getDisplayRangeMax(), 0);
		double normalValue = maps.getStack().getProcessor(1).getf(0, 0);
		assertTrue("the normal map is near black: " + normalValue + " of " + top, normalValue < 0.02 * top);
		assertEquals("fire LUT", 255, maps.getProcessor().getLut().getRed(255));
	}

	@Test
	public void theTopIgnoresAFewOutlierPixelsAndNaN() {
		ImageStack stack = new ImageStack(100, 100);
		float[] pixels = new float[10_000];
		for (int i = 0; i < pixels.length; i++) pixels[i] = i % 10;
		pixels[0] = 1e6f;
		pixels[1] = Float.NaN;
		stack.addSlice(new FloatProcessor(100, 100, pixels));
		assertEquals(9, MapDisplay.top(stack), 0);
	}
}
