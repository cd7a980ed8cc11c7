package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.LutLoader;
import ij.process.LUT;
import java.util.Arrays;

/**
 * One display scale for a stack of anomaly maps: ImageJ's "Fire" heat-map LUT from 0 (black: reconstructed exactly)
 * to a high quantile of the map values over all slices, the same for every slice. Auto-scaling each slice on its own
 * would stretch the small errors of a normal image over the whole LUT and make it look as "hot" as a defect.
 */
final class MapDisplay {

	/** The share of map pixels at or below the top of the scale: a few outlier pixels do not set it. */
	static final double TOP_QUANTILE = 0.999;

	private static final int MAX_SAMPLED_PIXELS = 1 << 20;

	private MapDisplay() {}

	/**
	 * The bottom of the scale of calibrated maps: 99 % of normal pixels lie below it and show black, so what lights
	 * up is what is rarer than 1 in 100 normal pixels.
	 */
	static final double CALIBRATED_BOTTOM = 0.99;

	/** The LUT and the display range of calibrated maps (values 0 to 1): {@link #CALIBRATED_BOTTOM} to 1. */
	static ImagePlus applyCalibrated(ImagePlus maps) {
		maps.setLut(new LUT(LutLoader.getLut("fire"), 0, 255));
		maps.setDisplayRange(CALIBRATED_BOTTOM, 1);
		return maps;
	}

	/** Sets the LUT and the common display range of a 32-bit map stack, and returns it. */
	static ImagePlus apply(ImagePlus maps) {
		double top = top(maps.getStack());
		maps.setLut(new LUT(LutLoader.getLut("fire"), 0, 255));
		maps.setDisplayRange(0, top > 0 ? top : 1);
		return maps;
	}

	/** The {@link #TOP_QUANTILE} of the map values, from an evenly spaced subset of pixels on large stacks. */
	static double top(ImageStack stack) {
		long pixels = (long) stack.getWidth() * stack.getHeight() * stack.getSize();
		long step = Math.max(1, pixels / MAX_SAMPLED_PIXELS);
		float[] values = new float[(int) ((pixels + step - 1) / step)];
		int plane = stack.getWidth() * stack.getHeight();
		int n = 0;
		for (long i = 0; i < pixels; i += step) {
			float value = ((float[]) stack.getPixels((int) (i / plane) + 1))[(int) (i % plane)];
			if (Float.isFinite(value)) values[n++] = value;
		}
		if (n == 0) return 0;
		Arrays.sort(values, 0, n);
		return values[(int) Math.min(n - 1, Math.ceil(TOP_QUANTILE * n) - 1)];
	}
}
