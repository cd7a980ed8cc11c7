package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleInfo;

/**
 * Gathers per-pixel anomaly maps, one sample at a time, into a 32-bit stack: |x − x̂| in the input's intensity units
 * or calibrated ({@link MapUnits}), one size×size slice per sample, labelled with
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

	/** Appends the map of one sample: |x − x̂| in network units, averaged over channels, as the scorer gives it. */
	public void add(float[] networkMap, SampleInfo info) {
		stack.addSlice(info.sampleName(), new FloatProcessor(shape.size(), shape.size(), units.of(networkMap)));
	}

	/** Number of samples added. */
	public int size() {
		return stack.getSize();
	}

	public ImagePlus build() {
		if (stack.getSize() == 0) throw new IllegalStateException("No anomaly maps were added to '" + title + "'.");
		return units.display(new ImagePlus(title, stack));
	}
}
