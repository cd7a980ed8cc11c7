package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;

/**
 * Gathers reconstructed samples, one at a time, into a stack in the input's intensity units: one 32-bit slice per
 * grey sample; one RGB slice per sample when the input was RGB (values rounded and clipped to 0..255); three 32-bit
 * slices per sample of a 3-channel model fed 3-channel hyperstacks (the result is a hyperstack with C = 3). Each
 * sample's slices are labelled with {@link SampleInfo#sampleName()}.
 */
public final class ReconstructionStackBuilder {

	private final ImageShape shape;
	private final IntensityRange range;
	private final boolean rgb;
	private final String title;
	private final ImageStack stack;
	private int samples;

	/**
	 * @param rgbOutput whether to build RGB slices (the input was RGB); needs a 3-channel shape
	 * @param title the title of the stack to build
	 */
	public ReconstructionStackBuilder(ImageShape shape, IntensityRange range, boolean rgbOutput, String title) {
		if (rgbOutput && shape.channels() != 3)
			throw new IllegalArgumentException("RGB reconstructions need a 3-channel model, not " + shape + ".");
		this.shape = shape;
		this.range = range;
		this.rgb = rgbOutput;
		this.title = title;
		this.stack = new ImageStack(shape.size(), shape.size());
	}

	/** A builder for the samples of {@code sampler}, titled "Reconstruction of" its image. */
	public static ReconstructionStackBuilder forSampler(ImageSampler sampler, IntensityRange range) {
		return new ReconstructionStackBuilder(
				sampler.shape(), range, sampler.isRgb(), "Reconstruction of " + sampler.title());
	}

	/** Appends the reconstruction held in {@code reconstruction} from {@code offset} (network units, [-1, 1]). */
	public void add(float[] reconstruction, int offset, SampleInfo info) {
		int plane = shape.size() * shape.size();
		if (rgb) {
			int[] pixels = new int[plane];
			for (int i = 0; i < plane; i++)
				pixels[i] = toByte(reconstruction[offset + i]) << 16
						| toByte(reconstruction[offset + plane + i]) << 8
						| toByte(reconstruction[offset + 2 * plane + i]);
			stack.addSlice(info.sampleName(), new ColorProcessor(shape.size(), shape.size(), pixels));
		} else {
			for (int c = 0; c < shape.channels(); c++) {
				float[] pixels = new float[plane];
				for (int i = 0; i < plane; i++)
					pixels[i] = (float) range.fromNetwork(reconstruction[offset + c * plane + i]);
				String label = shape.channels() == 1 ? info.sampleName() : info.sampleName() + " c" + (c + 1);
				stack.addSlice(label, new FloatProcessor(shape.size(), shape.size(), pixels));
			}
		}
		samples++;
	}

	private int toByte(float networkValue) {
		return (int) Math.max(0, Math.min(255, Math.round(range.fromNetwork(networkValue))));
	}

	/** Number of samples added. */
	public int size() {
		return samples;
	}

	public ImagePlus build() {
		if (samples == 0) throw new IllegalStateException("No reconstructions were added to '" + title + "'.");
		ImagePlus imp = new ImagePlus(title, stack);
		if (shape.channels() == 3 && !rgb) {
			imp.setDimensions(3, 1, samples);
			imp.setOpenAsHyperStack(true);
		}
		return imp;
	}
}
