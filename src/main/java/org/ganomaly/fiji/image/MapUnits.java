package org.ganomaly.fiji.image;

import ij.ImagePlus;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.score.Calibration;

/**
 * The unit of an anomaly map's pixels: |x − x̂| in the input's intensity units, or calibrated on normal images (the
 * fraction of the model's normal pixels at or below the pixel's |x − x̂|, from 0 to 1).
 *
 * @param pixels the model's pixel calibration; null for intensity units
 */
public record MapUnits(IntensityRange range, Calibration pixels) {

	public static MapUnits intensity(IntensityRange range) {
		return new MapUnits(range, null);
	}

	public static MapUnits calibrated(IntensityRange range, Calibration pixels) {
		if (pixels == null) throw new IllegalArgumentException("Calibrated maps need the model's pixel calibration.");
		return new MapUnits(range, pixels);
	}

	/** A pixel's value from its |x − x̂| in network units, averaged over channels. */
	float of(double networkError) {
		return pixels == null
				? (float) (networkError * range.networkToIntensityScale())
				: (float) pixels.calibrated(networkError);
	}

	/** A map in network units in these units, as a new array. */
	float[] of(float[] networkMap) {
		float[] out = new float[networkMap.length];
		for (int i = 0; i < out.length; i++) out[i] = of(networkMap[i]);
		return out;
	}

	/** Shows a stack of maps in these units on one scale for all its slices. */
	ImagePlus display(ImagePlus maps) {
		return pixels == null ? MapDisplay.apply(maps) : MapDisplay.applyCalibrated(maps);
	}
}
