package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.LutLoader;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleInfo;

/**
 * Overlays of each sample with its anomaly map, as an RGB stack (one slice per sample, labelled as the samples): the
 * sample as the network sees it (grey, or in colour for 3-channel samples), with the map's "Fire" colours laid over
 * it more opaquely the hotter the map, up to {@value #MAX_OPACITY}. The map's scale is that of the anomaly-map
 * stack ({@link MapDisplay}): where the map is at the bottom of the scale the sample shows unchanged.
 */
public final class OverlayStackBuilder {

	/** The opacity of the map at the top of its scale: the sample stays visible under the hottest pixels. */
	static final double MAX_OPACITY = 0.6;

	private final ImageShape shape;
	private final MapUnits units;
	private final String title;
	private final List<int[]> samples = new ArrayList<>();
	private final ImageStack maps;

	public OverlayStackBuilder(ImageShape shape, MapUnits units, String title) {
		this.shape = shape;
		this.units = units;
		this.title = title;
		this.maps = new ImageStack(shape.size(), shape.size());
	}

	/**
	 * Adds one sample.
	 *
	 * @param sample the sample in network units, channel by channel
	 * @param networkMap its anomaly map in network units, as the scorer gives it
	 */
	public void add(float[] sample, float[] networkMap, SampleInfo info) {
		int plane = shape.size() * shape.size();
		int[] rgb = new int[plane];
		for (int i = 0; i < plane; i++) {
			int r = byteOf(sample[i]);
			int g = shape.channels() == 3 ? byteOf(sample[plane + i]) : r;
			int b = shape.channels() == 3 ? byteOf(sample[2 * plane + i]) : r;
			rgb[i] = (r << 16) | (g << 8) | b;
		}
		samples.add(rgb);
		maps.addSlice(info.sampleName(), new FloatProcessor(shape.size(), shape.size(), units.of(networkMap)));
	}

	public ImagePlus build() {
		if (samples.isEmpty()) throw new IllegalStateException("No overlays were added to '" + title + "'.");
		ImagePlus scaled = units.display(new ImagePlus("", maps));
		double bottom = scaled.getDisplayRangeMin(), top = scaled.getDisplayRangeMax();
		IndexColorModel fire = LutLoader.getLut("fire");
		ImageStack out = new ImageStack(shape.size(), shape.size());
		for (int n = 0; n < samples.size(); n++) {
			int[] rgb = samples.get(n);
			float[] map = (float[]) maps.getPixels(n + 1);
			int[] blended = new int[rgb.length];
			for (int i = 0; i < rgb.length; i++) {
				double heat = Math.max(0, Math.min(1, (map[i] - bottom) / (top - bottom)));
				int index = (int) Math.round(heat * 255);
				double opacity = MAX_OPACITY * heat;
				blended[i] = blend(rgb[i], fire.getRed(index), fire.getGreen(index), fire.getBlue(index), opacity);
			}
			out.addSlice(maps.getSliceLabel(n + 1), new ColorProcessor(shape.size(), shape.size(), blended));
		}
		return new ImagePlus(title, out);
	}

	private static int blend(int rgb, int r, int g, int b, double opacity) {
		int red = mix((rgb >> 16) & 255, r, opacity);
		int green = mix((rgb >> 8) & 255, g, opacity);
		int blue = mix(rgb & 255, b, opacity);
		return (red << 16) | (green << 8) | blue;
	}

	private static int mix(int under, int over, double opacity) {
		return (int) Math.round((1 - opacity) * under + opacity * over);
	}

	/** Network units [-1, 1] as 0 to 255. */
	private static int byteOf(float v) {
		return (int) Math.round(Math.max(0, Math.min(255, (v + 1) * 127.5)));
	}
}
