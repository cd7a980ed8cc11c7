package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.SplittableRandom;
import org.junit.Test;

public class VerdictTest {

	private static final int PIXELS = 400;

	@Test
	public void withoutAVerdictCalibrationTheVerdictIsTheLatentRule() {
		Calibration latent = Calibration.of(exponential(new SplittableRandom(2), 500), "validation", 0.99);
		Verdict verdict = Verdict.of(latent, null);
		assertFalse(verdict.usesMaps());
		for (double s = 0; s < 10; s += 0.1) {
			Verdict.Judgement judgement = verdict.judge(s, null);
			assertEquals(latent.anomalous(s), judgement.anomalous());
			assertEquals(new NormalTail(latent).rarity(s), judgement.score(), 0);
		}
	}

	/** Images whose layout does not matter (layout AUC 0.5): the map's peak leads, the latent score lags. */
	@Test
	public void withoutALayoutTheMapsPeakLeadsTheVerdict() {
		SplittableRandom random = new SplittableRandom(3);
		Normals normals = normals(random, 4000);
		Verdict verdict = Verdict.of(normals.latent, normals.calibration(0.5));
		assertTrue(verdict.usesMaps());
		assertEquals(0.01, flaggedShare(verdict, random, 4000), 0.005);

		double typical = Calibration.quantile(normals.latent.normalScores(), 0.5);
		double rare = Calibration.quantile(normals.latent.normalScores(), 0.999); // 1 normal in 1,000 above it
		assertFalse(verdict.judge(typical, map(random, 0)).anomalous());
		assertTrue(
				"a small bright defect", verdict.judge(typical, map(random, 6)).anomalous());
		assertFalse(
				"a latent score one normal in 1,000 has lags",
				verdict.judge(rare, map(random, 0)).anomalous());
		assertTrue(
				"an image unlike the normals as a whole",
				verdict.judge(30, map(random, 0)).anomalous());
	}

	/** Images whose layout matters to the latent score (layout AUC 0.95): the latent score leads, the map lags. */
	@Test
	public void withALayoutTheLatentScoreLeadsTheVerdict() {
		SplittableRandom random = new SplittableRandom(4);
		Normals normals = normals(random, 4000);
		Verdict verdict = Verdict.of(normals.latent, normals.calibration(0.95));
		assertEquals(0.01, flaggedShare(verdict, random, 4000), 0.005);

		double typical = Calibration.quantile(normals.latent.normalScores(), 0.5);
		double rare = Calibration.quantile(normals.latent.normalScores(), 0.999);
		assertTrue(
				"a latent score one normal in 1,000 has",
				verdict.judge(rare, map(random, 0)).anomalous());
		assertFalse(
				"a slightly brighter map lags",
				verdict.judge(typical, slightlyBright(random)).anomalous());
		assertTrue(
				"a defect far brighter than any normal's",
				verdict.judge(typical, map(random, 6)).anomalous());
		Verdict.Judgement unlike = verdict.judge(30, map(random, 0));
		assertTrue(unlike.anomalous() && unlike.score() > 2);
		assertTrue(
				"more evidence, higher score", verdict.judge(30, map(random, 6)).score() >= unlike.score());
	}

	@Test
	public void theLayoutWeightIsZeroWithinChanceAndOneWellAboveIt() {
		assertEquals(0, VerdictCalibration.layoutWeight(0.5, 150), 0);
		// two standard errors of a chance AUC on 150 images and 150 copies: 0.067
		assertEquals(0, VerdictCalibration.layoutWeight(0.56, 150), 0);
		assertEquals(0, VerdictCalibration.layoutWeight(0.3, 150), 0);
		assertEquals(
				0.5, VerdictCalibration.layoutWeight(0.5 + 2 * Math.sqrt(301.0 / (12 * 150 * 150)) + 0.05, 150), 1e-12);
		assertEquals(1, VerdictCalibration.layoutWeight(0.7, 150), 0);
		assertEquals("more images, smaller error", 1, VerdictCalibration.layoutWeight(0.62, 2000), 0);
	}

	@Test
	public void theLogSaysWhatLeadsAndHowManyNormalsItFlagsAtMost() {
		SplittableRandom random = new SplittableRandom(5);
		Normals many = normals(random, 400), few = normals(random, 20);
		String textures = many.calibration(0.5).describe(),
				digits = many.calibration(0.95).describe();
		assertTrue(textures, textures.contains("the map's peak leads") && textures.contains("layout AUC 0.500"));
		assertTrue(digits, digits.contains("the latent score leads"));
		assertTrue(textures, textures.contains("at most 0.998 % of normal images like these 400."));
		String tooFew = few.calibration(0.5).describe();
		assertTrue(tooFew, tooFew.contains("at most 4.76 %") && tooFew.contains("that needs at least 99"));
	}

	@Test
	public void thePeakIsTheMeanOfTheBrightestHundredth() {
		float[] map = new float[400];
		for (int p = 0; p < 400; p++) map[p] = p % 7 == 0 ? 0.5f : 0.1f;
		map[13] = 3;
		map[200] = 5;
		map[399] = 1;
		assertEquals("the top 4 of 400", (3 + 5 + 1 + 0.5) / 4, Verdict.peak(map), 1e-6);
		assertEquals("at least one pixel", 2, Verdict.peak(new float[] {0.5f, 2, 1}), 0);
	}

	private record Normals(double[] latentScores, double[] peaks, Calibration latent) {
		VerdictCalibration calibration(double layoutAuc) {
			return new NormalStatistics(latentScores, new double[] {0}, peaks, layoutAuc, latentScores.length)
					.verdictCalibration(latent);
		}
	}

	private static Normals normals(SplittableRandom random, int n) {
		double[] latentScores = exponential(random, n), peaks = new double[n];
		for (int i = 0; i < n; i++) peaks[i] = Verdict.peak(map(random, 0));
		return new Normals(latentScores, peaks, Calibration.of(latentScores, "validation", 0.99));
	}

	private static double flaggedShare(Verdict verdict, SplittableRandom random, int n) {
		int flagged = 0;
		for (int i = 0; i < n; i++)
			if (verdict.judge(exponential(random, 1)[0], map(random, 0)).anomalous()) flagged++;
		return flagged / (double) n;
	}

	/** A map of noise, with {@code defect} pixels far above it. */
	private static float[] map(SplittableRandom random, int defect) {
		float[] map = new float[PIXELS];
		for (int p = 0; p < PIXELS; p++) map[p] = (float) Math.abs(random.nextGaussian()) * 0.1f;
		for (int p = 0; p < defect; p++) map[p] = 2;
		return map;
	}

	/** A map of noise 15 % brighter than the normals': rare among them, but not by a factor of a hundred. */
	private static float[] slightlyBright(SplittableRandom random) {
		float[] map = map(random, 0);
		for (int p = 0; p < PIXELS; p++) map[p] *= 1.15f;
		return map;
	}

	private static double[] exponential(SplittableRandom random, int n) {
		double[] out = new double[n];
		for (int i = 0; i < n; i++) out[i] = -Math.log(1 - random.nextDouble());
		return out;
	}
}
