package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import org.ganomaly.fiji.core.data.ImageShape;

/**
 * Gathers per-pixel anomaly maps, one sample at a time, into a 32-bit stack: |x − x̂| in the input's intensity units
 * (the mean over channels for 3-channel samples), one size×size slice per sample, labelled with
 * {@link SampleInfo#sampleName()}, shown on one scale for all slices ({@link MapDisplay}).
 */
public final class AnomalyMapStackBuilder {

	private final ImageShape shape;
	private final MapUnits units;
	private final String title;
	private final ImageStack stack;

	public AnomalyMapStackBuilder(ImageShape shape, MapUnits units, String title) {
		this.shape = shape;
		this.units = units;
		this.title = title;
		this.stack = new ImageStack(shape.size(), shape.size());
	}

	/** Appends the map of one sample: its input and its reconstruction, in network units, from the offsets given. */
	public void add(float[] input, int inputOffset, float[] reconstruction, int reconstructionOffset, SampleInfo info) {
		float[] map = pixelErrors(shape, units, input, inputOffset, reconstruction, reconstructionOffset);
		stack.addSlice(info.sampleName(), new FloatProcessor(shape.size(), shape.size(), map));
	}

	/** Number of samples added. */
	public int size() {
		return stack.getSize();
	}

	public ImagePlus build() {
		if (stack.getSize() == 0) throw new IllegalStateException("No anomaly maps were added to '" + title + "'.");
		return units.display(new ImagePlus(title, stack));
	}

	/** |x − x̂| per pixel, averaged over channels, in {@code units}. */
	static float[] pixelErrors(
			ImageShape shape,
			MapUnits units,
			float[] input,
			int inputOffset,
			float[] reconstruction,
			int reconstructionOffset) {
		int plane = shape.size() * shape.size();
		float[] map = new float[plane];
		for (int i = 0; i < plane; i++) {
			double sum = 0;
			for (int c = 0; c < shape.channels(); c++)
				sum += Math.abs(
						input[inputOffset + c * plane + i] - reconstruction[reconstructionOffset + c * plane + i]);
			map[i] = units.of(sum / shape.channels());
		}
		return map;
	}
}
