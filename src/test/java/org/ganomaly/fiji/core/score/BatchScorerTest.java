package org.ganomaly.fiji.core.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class BatchScorerTest {

	private static GanomalyNetworks networks;
	private static InMemorySampleSet mixed;

	@BeforeClass
	public static void trainBriefly() {
		networks = GanomalyNetworks.initialized(
				new NetworkConfig(new ImageShape(1, 16), 16, 8, 0), DeviceRuntime.cpu(), 1);
		SyntheticImages images = new SyntheticImages(16, 9);
		try (GanomalyTrainer trainer = new GanomalyTrainer(
				networks,
				TrainingConfig.defaults().toBuilder()
						.batchSize(8)
						.epochs(1)
						.preciseBatchNormBatches(2)
						.build())) {
			trainer.train(images.sampleSet(SyntheticImages.Kind.BLOBS, 32), null, TrainingListener.NONE);
		}
		mixed = new InMemorySampleSet(new ImageShape(1, 16));
		for (int i = 0; i < 10; i++) {
			float[] sample = new float[256];
			images.sampleSet(i % 2 == 0 ? SyntheticImages.Kind.BLOBS : SyntheticImages.Kind.STRIPES, 1)
					.copyTo(0, sample, 0);
			mixed.add(sample);
		}
	}

	@AfterClass
	public static void close() {
		networks.close();
	}

	private static List<SampleScore> score(BatchNormMode mode, int batchSize, Iterator<ScoringItem<Integer>> samples) {
		List<SampleScore> out = new ArrayList<>();
		new BatchScorer(networks, mode, batchSize, false).score(samples, (i, item, s, r, m) -> {
			assertEquals(out.size(), i);
			out.add(s);
		});
		return out;
	}

	@Test
	public void aScoreDoesNotDependOnItsBatchMates() {
		List<SampleScore> batched = score(BatchNormMode.RUNNING_STATISTICS, 10, BatchScorer.iterate(mixed));
		List<SampleScore> inThrees = score(BatchNormMode.RUNNING_STATISTICS, 3, BatchScorer.iterate(mixed));
		for (int i = 0; i < mixed.size(); i++) {
			float[] one = new float[256];
			mixed.copyTo(i, one, 0);
			SampleScore alone = score(
							BatchNormMode.RUNNING_STATISTICS,
							1,
							ScoringItem.numbered(List.of(one).iterator()))
					.get(0);
			assertEquals(
					"image " + i + " alone vs in a batch of 10",
					alone.latent(),
					batched.get(i).latent(),
					1e-6 * Math.max(1, alone.latent()));
			assertEquals(alone.latent(), inThrees.get(i).latent(), 1e-6 * Math.max(1, alone.latent()));
			assertEquals(alone.reconstructionError(), batched.get(i).reconstructionError(), 1e-6);
		}
	}

	@Test
	public void batchStatisticsModeReproducesTheReferenceDependence() {
		List<SampleScore> batched = score(BatchNormMode.BATCH_STATISTICS, 10, BatchScorer.iterate(mixed));
		List<SampleScore> inFives = score(BatchNormMode.BATCH_STATISTICS, 5, BatchScorer.iterate(mixed));
		assertNotEquals(
				"with batch statistics the batch changes the score",
				batched.get(0).latent(),
				inFives.get(0).latent(),
				1e-9);
	}

	@Test
	public void imagesComeBackWithTheScores() {
		List<float[]> maps = new ArrayList<>();
		List<SampleScore> scores = new ArrayList<>();
		new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, true)
				.score(BatchScorer.iterate(mixed), (i, item, s, r, m) -> {
					assertEquals(256, r.length);
					assertEquals(256, m.length);
					float[] x = new float[256];
					mixed.copyTo(i, x, 0);
					double mean = 0;
					for (int p = 0; p < 256; p++) {
						assertEquals(Math.abs(x[p] - r[p]), m[p], 1e-5);
						assertTrue(r[p] >= -1 && r[p] <= 1);
						mean += m[p];
					}
					assertEquals(s.reconstructionError(), mean / 256, 1e-5);
					maps.add(m);
					scores.add(s);
				});
		assertEquals(10, maps.size());
		for (SampleScore s : scores)
			assertTrue(s.latent() >= 0 && s.latentL1() >= 0 && s.latentL1() * s.latentL1() <= s.latent() + 1e-9);
	}

	@Test
	public void aSmoothingScorerSmoothsItsMapsAndNothingElse() {
		MapSmoothing smoothing = new MapSmoothing(1.5);
		List<float[]> raw = new ArrayList<>();
		List<SampleScore> rawScores = new ArrayList<>();
		BatchScorer plain = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, true);
		plain.score(BatchScorer.iterate(mixed), (i, item, s, r, m) -> {
			raw.add(m);
			rawScores.add(s);
		});
		plain.withMapSmoothing(smoothing).score(BatchScorer.iterate(mixed), (i, item, s, r, m) -> {
			org.junit.Assert.assertArrayEquals(smoothing.apply(raw.get(i), 16), m, 0);
			assertEquals(rawScores.get(i), s);
		});
	}

	@Test
	public void aSampleOfTheWrongSizeIsAClearError() {
		try {
			score(
					BatchNormMode.RUNNING_STATISTICS,
					4,
					ScoringItem.numbered(List.of(new float[100]).iterator()));
			throw new AssertionError("expected an error");
		} catch (IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("16×16 grey"));
		}
	}

	@Test
	public void anErrorWhileReadingSamplesReachesTheCaller() {
		Iterator<float[]> failing = new Iterator<>() {
			private int i;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public float[] next() {
				if (i++ == 6) throw new IllegalStateException("cannot read image 7");
				return new float[256];
			}
		};
		List<Integer> scored = new ArrayList<>();
		try {
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, false)
					.score(ScoringItem.numbered(failing), (i, item, s, r, m) -> scored.add(i));
			throw new AssertionError("expected the reader's error");
		} catch (IllegalStateException e) {
			assertEquals("cannot read image 7", e.getMessage());
		}
		assertEquals("the first full batch was scored before the error", List.of(0, 1, 2, 3), scored);
	}

	@Test
	public void scoringInBatchStatisticsModeLeavesTheModelUnchanged() {
		java.util.Map<String, float[]> before = networks.snapshot();
		score(BatchNormMode.BATCH_STATISTICS, 5, BatchScorer.iterate(mixed));
		java.util.Map<String, float[]> after = networks.snapshot();
		for (String k : before.keySet()) org.junit.Assert.assertArrayEquals(k, before.get(k), after.get(k), 0f);
	}

	@Test(expected = IllegalArgumentException.class)
	public void bfloat16IsRefusedRatherThanCrashingTheEngine() {
		new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 10, false)
				.withPrecision(ai.djl.ndarray.types.DataType.BFLOAT16);
	}

	@Test
	public void reducedPrecisionKeepsTheRanking() {
		double[] full = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 10, false).latentScores(mixed);
		double[] half = new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 10, false)
				.withPrecision(ai.djl.ndarray.types.DataType.FLOAT16)
				.latentScores(mixed);
		for (int i = 0; i < full.length; i++) {
			assertEquals("float16 score " + i, full[i], half[i], 0.02 * full[i] + 1e-4);
			for (int j = 0; j < full.length; j++)
				if (full[i] > 1.2 * full[j]) assertTrue("order of " + i + " and " + j + " kept", half[i] > half[j]);
		}
	}

	@Test
	public void batchesLargerThanTheComputeBatchAreCutWithoutChangingScores() {
		List<float[]> many = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			float[] x = new float[256];
			mixed.copyTo(i % mixed.size(), x, 0);
			x[i % 256] = 0.5f; // every sample distinct
			many.add(x);
		}
		List<SampleScore> big = score(BatchNormMode.RUNNING_STATISTICS, 150, ScoringItem.numbered(many.iterator()));
		assertEquals(150, big.size());
		for (int i : new int[] {0, 63, 64, 65, 127, 128, 149}) {
			SampleScore alone = score(
							BatchNormMode.RUNNING_STATISTICS,
							1,
							ScoringItem.numbered(List.of(many.get(i)).iterator()))
					.get(0);
			assertEquals("sample " + i, alone.latent(), big.get(i).latent(), 1e-6 * Math.max(1, alone.latent()));
		}
	}
}
