package org.ganomaly.fiji.core.data;

/**
 * Normal images turned or mirrored: the first of every four by 90°, the next by 180°, then 270°, then mirrored left
 * to right. A turned copy keeps every local detail of a normal image and changes only its layout, so how well a
 * score tells the copies from the normal images says whether the layout of the images means anything to it: on
 * aligned objects (digits, centred parts) it does; on textures or things scattered anywhere (cells) a turned normal
 * image is as normal as any.
 */
public final class TurnedCopies {

	private TurnedCopies() {}

	/** The turned copy of every sample of {@code normals}, in order (images are square). */
	public static InMemorySampleSet of(SampleSet normals) {
		ImageShape shape = normals.shape();
		InMemorySampleSet out = new InMemorySampleSet(shape, normals.size());
		float[] sample = new float[shape.sampleLength()];
		for (int i = 0; i < normals.size(); i++) {
			normals.copyTo(i, sample, 0);
			out.add(turned(sample, shape, i % 4 + 1));
		}
		return out;
	}

	/** {@code x} turned by {@code quarter} × 90° (1–3), or mirrored left to right (4). */
	static float[] turned(float[] x, ImageShape shape, int quarter) {
		int s = shape.size(), plane = s * s;
		float[] y = new float[x.length];
		for (int c = 0; c < shape.channels(); c++)
			for (int v = 0; v < s; v++)
				for (int u = 0; u < s; u++) {
					int from = switch (quarter % 4) {
						case 1 -> u * s + (s - 1 - v);
						case 2 -> (s - 1 - v) * s + (s - 1 - u);
						case 3 -> (s - 1 - u) * s + v;
						default -> v * s + (s - 1 - u);
					};
					y[c * plane + v * s + u] = x[c * plane + from];
				}
		return y;
	}
}
