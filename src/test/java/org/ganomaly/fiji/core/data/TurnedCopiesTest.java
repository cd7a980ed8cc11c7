package org.ganomaly.fiji.core.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TurnedCopiesTest {

	private static final ImageShape SHAPE = new ImageShape(3, 16);

	/** Channel c, row v, column u hold 1000 c + 16 v + u: every value says where it came from. */
	private static float[] numbered() {
		float[] image = new float[SHAPE.sampleLength()];
		for (int p = 0; p < image.length; p++) image[p] = 1000 * (p / 256) + p % 256;
		return image;
	}

	private static float at(float[] image, int c, int v, int u) {
		return image[c * 256 + v * 16 + u];
	}

	@Test
	public void turnsAreQuarterTurnsAndTheMirrorSwapsLeftAndRightInEveryChannel() {
		float[] x = numbered();
		float[] quarter = TurnedCopies.turned(x, SHAPE, 1), mirrored = TurnedCopies.turned(x, SHAPE, 4);
		for (int c = 0; c < 3; c++) {
			// corners go round: top right to top left, bottom right to top right, top left to bottom left
			assertEquals(at(x, c, 0, 15), at(quarter, c, 0, 0), 0);
			assertEquals(at(x, c, 15, 15), at(quarter, c, 0, 15), 0);
			assertEquals(at(x, c, 0, 0), at(quarter, c, 15, 0), 0);
			for (int v = 0; v < 16; v++)
				for (int u = 0; u < 16; u++) assertEquals(at(x, c, v, 15 - u), at(mirrored, c, v, u), 0);
		}
		float[] twice = TurnedCopies.turned(quarter, SHAPE, 1);
		assertArrayEquals("two quarters are half a turn", TurnedCopies.turned(x, SHAPE, 2), twice, 0);
		assertArrayEquals("three quarters", TurnedCopies.turned(x, SHAPE, 3), TurnedCopies.turned(twice, SHAPE, 1), 0);
		assertArrayEquals("four quarters are none", x, TurnedCopies.turned(twice, SHAPE, 2), 0);
		assertArrayEquals("mirrored twice", x, TurnedCopies.turned(mirrored, SHAPE, 4), 0);
	}

	@Test
	public void theCopiesGoRoundQuarterHalfThreeQuartersAndMirrored() {
		InMemorySampleSet normals = new InMemorySampleSet(SHAPE, 6);
		float[] x = numbered();
		for (int i = 0; i < 6; i++) normals.add(x);
		InMemorySampleSet copies = TurnedCopies.of(normals);
		assertEquals(6, copies.size());
		float[] copy = new float[SHAPE.sampleLength()];
		for (int i = 0; i < 6; i++) {
			copies.copyTo(i, copy, 0);
			assertArrayEquals("copy " + i, TurnedCopies.turned(x, SHAPE, i % 4 + 1), copy, 0);
		}
	}
}
