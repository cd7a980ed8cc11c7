package org.ganomaly.fiji.core.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import org.junit.Test;

public class SyntheticAnomaliesTest {

	@Test
	public void everyCopyIsDamagedReproduciblyAndTheInputIsKept() {
		InMemorySampleSet normals = new SyntheticImages(16, 3).sampleSet(SyntheticImages.Kind.BLOBS, 8);
		float[][] before = new float[8][256];
		for (int i = 0; i < 8; i++) normals.copyTo(i, before[i], 0);
		InMemorySampleSet a = SyntheticAnomalies.of(normals, 5);
		InMemorySampleSet b = SyntheticAnomalies.of(normals, 5);
		assertEquals(8, a.size());
		for (int i = 0; i < 8; i++) {
			float[] x = new float[256], y = new float[256], z = new float[256];
			normals.copyTo(i, x, 0);
			a.copyTo(i, y, 0);
			b.copyTo(i, z, 0);
			assertArrayEquals("input unchanged", before[i], x, 0f);
			assertArrayEquals("same seed, same damage", y, z, 0f);
			assertFalse("copy " + i + " is damaged", Arrays.equals(x, y));
			for (float v : y) assertTrue(v >= -1 && v <= 1);
		}
	}

	@Test
	public void rgbSamplesAreDamagedInEveryChannel() {
		InMemorySampleSet rgb = new InMemorySampleSet(new ImageShape(3, 16));
		float[] sample = new float[3 * 256];
		for (int i = 0; i < sample.length; i++) sample[i] = (i % 37) / 37f - 0.5f;
		for (int i = 0; i < 4; i++) rgb.add(sample);
		InMemorySampleSet damaged = SyntheticAnomalies.of(rgb, 1);
		for (int i = 0; i < 4; i++) {
			float[] y = new float[3 * 256];
			damaged.copyTo(i, y, 0);
			for (int c = 0; c < 3; c++)
				assertFalse(
						"sample " + i + " channel " + c,
						Arrays.equals(
								Arrays.copyOfRange(sample, c * 256, (c + 1) * 256),
								Arrays.copyOfRange(y, c * 256, (c + 1) * 256)));
		}
	}
}
