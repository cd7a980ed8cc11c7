package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.SplittableRandom;
import org.junit.Test;

public class NormalTailTest {

	@Test
	public void rarityIsMinusLog10OfTheShareOfNormalsAboveAndGoesOnBeyondThemAll() {
		SplittableRandom random = new SplittableRandom(1);
		double[] scores = new double[2000];
		for (int i = 0; i < scores.length; i++) scores[i] = -Math.log(1 - random.nextDouble()); // exponential, mean 1
		Calibration calibration = Calibration.of(scores, "validation", 0.99);
		NormalTail tail = new NormalTail(calibration);
		assertEquals(0, tail.rarity(-1), 0);
		assertEquals("the median: half the normals above", -Math.log10(0.5), tail.rarity(Math.log(2)), 0.03);
		assertEquals("the threshold: 1 % above", 2, tail.rarity(calibration.threshold()), 0.1);
		// an exponential tail of mean 1 above its 0.9 quantile: 1e-4 of normals above ln(1e4)
		assertEquals(4, tail.rarity(Math.log(1e4)), 0.25);
		double previous = -1;
		for (double s = 0; s < 40; s += 0.05) {
			double r = tail.rarity(s);
			assertTrue("never decreasing, at " + s, r >= previous);
			assertTrue(Double.isFinite(r));
			previous = r;
		}
		assertTrue("scores beyond every normal keep their order", tail.rarity(30) > tail.rarity(20));
	}

	@Test
	public void mostlyTiedScoresSuchAsEmptyAreasGiveTheShareOfNormalsAbove() {
		double[] areas = new double[1000];
		for (int i = 950; i < 1000; i++) areas[i] = i - 949; // 95 % of normals have no anomalous pixel
		NormalTail tail = new NormalTail(Calibration.of(areas, "validation", 0.99));
		assertEquals(-Math.log10(0.05), tail.rarity(0), 0.01);
		assertTrue(tail.rarity(1) > tail.rarity(0));
		assertTrue(tail.rarity(500) > tail.rarity(60) && tail.rarity(60) > tail.rarity(40));

		NormalTail allZero = new NormalTail(Calibration.of(new double[100], "validation", 0.99));
		assertEquals("no normal above zero: as rare as one more normal image", 2.004, allZero.rarity(0), 0.01);
		assertTrue(allZero.rarity(1) > 10 && allZero.rarity(2) >= allZero.rarity(1));
		assertTrue(Double.isFinite(allZero.rarity(1e9)));
	}
}
