package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.nn.Tensor;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.Test;

public class GanomalyTrainerTest {

	private static final NetworkConfig SMALL = new NetworkConfig(new ImageShape(1, 16), 16, 8, 0);

	private static TrainingConfig small(int epochs) {
		return TrainingConfig.defaults().toBuilder()
				.batchSize(8)
				.epochs(epochs)
				.seed(3)
				.preciseBatchNormBatches(2)
				.build();
	}

	private static List<Losses> run(TrainingConfig config, InMemorySampleSet data) {
		List<Losses> losses = new ArrayList<>();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), config.seed());
				GanomalyTrainer trainer = new GanomalyTrainer(nets, config)) {
			trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					losses.add(report.losses());
				}
			});
		}
		return losses;
	}

	@Test
	public void sameSeedGivesTheSameLosses() {
		InMemorySampleSet data = new SyntheticImages(16, 1).sampleSet(SyntheticImages.Kind.BLOBS, 48);
		List<Losses> a = run(small(2), data);
		List<Losses> b = run(small(2), data);
		assertEquals(12, a.size());
		assertEquals(a, b);
		List<Losses> c = run(small(2).toBuilder().seed(4).build(), data);
		assertTrue("another seed trains differently", !a.equals(c));
	}

	@Test
	public void liveArrayCountStaysConstantFromStepToStep() {
		InMemorySampleSet data = new SyntheticImages(16, 2).sampleSet(SyntheticImages.Kind.BLOBS, 8 * 25);
		List<Integer> counts = new ArrayList<>();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 1);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, small(1))) {
			trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					counts.add(liveArrays());
				}
			});
		}
		assertEquals(25, counts.size());
		// The first step creates the optimizer moments; from then on nothing may accumulate.
		for (int i = 2; i < counts.size(); i++)
			assertEquals("live arrays after step " + (i + 1) + ": " + counts, counts.get(1), counts.get(i));
	}

	/** Arrays alive anywhere in the engine: every manager descends from the system manager. */
	private static int liveArrays() {
		try (NDManager probe = NDManager.newBaseManager("PyTorch")) {
			return probe.getParentManager().getManagedArrays().size();
		}
	}

	@Test
	public void lossesAreFiniteAndReconstructionImproves() {
		InMemorySampleSet data = new SyntheticImages(16, 3).sampleSet(SyntheticImages.Kind.BLOBS, 8 * 20);
		List<Losses> losses = run(small(3), data);
		for (Losses l : losses) {
			assertTrue(Double.isFinite(l.generator()) && Double.isFinite(l.discriminator()));
			assertEquals(l.generator(), l.adversarial() + 50 * l.contextual() + l.encoder(), 1e-3 * l.generator());
		}
		double first = losses.subList(0, 5).stream()
				.mapToDouble(Losses::contextual)
				.average()
				.orElseThrow();
		double last = losses.subList(losses.size() - 5, losses.size()).stream()
				.mapToDouble(Losses::contextual)
				.average()
				.orElseThrow();
		assertTrue("contextual loss falls: " + first + " → " + last, last < 0.9 * first);
	}

	@Test
	public void weightAveragingKeepsTheAverageWithoutChangingTheTrainingRun() {
		InMemorySampleSet data = new SyntheticImages(16, 7).sampleSet(SyntheticImages.Kind.BLOBS, 32);
		List<Losses> plainLosses = new ArrayList<>(), averagedLosses = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		Map<String, float[]> plain =
				trainAndSnapshot(small(3).toBuilder().averagingHalfLife(0).build(), data, plainLosses, reasons);
		Map<String, float[]> averaged =
				trainAndSnapshot(small(3).toBuilder().averagingHalfLife(1.5).build(), data, averagedLosses, reasons);
		assertTrue(reasons.get(0), !reasons.get(0).contains("average"));
		assertTrue(reasons.get(1), reasons.get(1).endsWith("generator weights: moving average, half-life 1.5 epochs"));
		assertEquals("the live weights train exactly as without averaging", plainLosses, averagedLosses);
		int generatorDiffers = 0;
		for (String k : plain.keySet()) {
			if (k.startsWith("netD.")) assertArrayEquals(k, plain.get(k), averaged.get(k), 0f);
			else if (!java.util.Arrays.equals(plain.get(k), averaged.get(k))) generatorDiffers++;
		}
		assertTrue("the kept generator is the average, not the last iterate", generatorDiffers > 0);
	}

	@Test
	public void weightAveragingWithoutPreciseBatchNormIsRefused() {
		IllegalArgumentException e = assertThrows(
				IllegalArgumentException.class,
				() -> small(1).toBuilder()
						.preciseBatchNormBatches(0)
						.averagingHalfLife(1)
						.build());
		assertTrue(e.getMessage(), e.getMessage().contains("Weight averaging needs precise BatchNorm"));
	}

	private static Map<String, float[]> trainAndSnapshot(
			TrainingConfig config, InMemorySampleSet data, List<Losses> losses, List<String> reasons) {
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), config.seed());
				GanomalyTrainer trainer = new GanomalyTrainer(
						nets, config.toBuilder().selection(EpochSelection.LAST).build())) {
			GanomalyTrainer.Result result = trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					losses.add(report.losses());
				}
			});
			reasons.add(result.summary().selectionReason());
			return nets.snapshot();
		}
	}

	@Test
	public void cancellingKeepsTheLastCompletedEpoch() {
		InMemorySampleSet data = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 32);
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 1);
				GanomalyTrainer trainer = new GanomalyTrainer(
						nets,
						small(5).toBuilder().selection(EpochSelection.LAST).build())) {
			Map<String, float[]>[] afterEpoch1 = new Map[1];
			int[] iterations = {0};
			GanomalyTrainer.Result result = trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					iterations[0]++;
				}

				@Override
				public void epoch(Epoch report) {
					if (report.epoch() == 1) afterEpoch1[0] = nets.snapshot();
				}

				@Override
				public boolean cancelled() {
					return iterations[0] >= 6; // mid-way through epoch 2 (4 iterations per epoch)
				}
			});
			assertNotNull(result);
			assertTrue(result.summary().cancelled());
			assertEquals(1, result.summary().epochsCompleted());
			assertEquals(1, result.summary().selectedEpoch());
			Map<String, float[]> now = nets.snapshot();
			for (Map.Entry<String, float[]> e : afterEpoch1[0].entrySet())
				assertArrayEquals(e.getKey(), e.getValue(), now.get(e.getKey()), 0f);
		}
	}

	@Test
	public void cancellingBeforeTheFirstEpochEndsGivesNoModel() {
		InMemorySampleSet data = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 32);
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 1);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, small(2))) {
			assertNull(trainer.train(data, null, new TrainingListener() {
				@Override
				public boolean cancelled() {
					return true;
				}
			}));
		}
	}

	@Test
	public void generatorLossNeverTrainsTheDiscriminator() {
		// With w_adv = w_con = w_enc = 0 errG is 0 and every D update comes from errD. Comparing a run with the
		// default weights shows D's trajectory is the same: errG's gradients never reach D's parameters.
		InMemorySampleSet data = new SyntheticImages(16, 5).sampleSet(SyntheticImages.Kind.BLOBS, 16);
		TrainingConfig base = small(1).toBuilder()
				.averagingHalfLife(0)
				.preciseBatchNormBatches(0)
				.build();
		TrainingConfig noG = new TrainingConfig(8, 1, 2e-4, 0.5, 0.999, 0, 0, 0, 3, 0, EpochSelection.LAST, 0, 0.99, 0);
		Map<String, float[]> dAfterNormal = discriminatorAfterOneStep(base, data);
		Map<String, float[]> dAfterNoG = discriminatorAfterOneStep(noG, data);
		for (String k : dAfterNormal.keySet()) assertArrayEquals(k, dAfterNoG.get(k), dAfterNormal.get(k), 0f);
	}

	private static Map<String, float[]> discriminatorAfterOneStep(TrainingConfig config, InMemorySampleSet data) {
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), config.seed());
				GanomalyTrainer trainer = new GanomalyTrainer(nets, config)) {
			float[] batch = new float[8 * 256];
			for (int i = 0; i < 8; i++) data.copyTo(i, batch, i * 256);
			trainer.step(batch);
			Map<String, float[]> out = new java.util.LinkedHashMap<>();
			for (Tensor t : nets.netD().parameters())
				out.put(t.name(), t.array().toFloatArray());
			return out;
		}
	}

	@Test
	public void tooFewSamplesForOneBatchIsAClearError() {
		InMemorySampleSet data = new SyntheticImages(16, 6).sampleSet(SyntheticImages.Kind.BLOBS, 5);
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 0);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, small(1))) {
			trainer.train(data, null, TrainingListener.NONE);
			throw new AssertionError("expected an error");
		} catch (IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("5 samples is fewer than the batch size 8"));
		}
	}

	@Test
	public void theKeptEpochIsTheOneTheRulePicksFromValidationFigures() {
		SyntheticImages images = new SyntheticImages(16, 12);
		InMemorySampleSet train = images.sampleSet(SyntheticImages.Kind.BLOBS, 32);
		InMemorySampleSet validation = images.sampleSet(SyntheticImages.Kind.BLOBS, 12);
		for (EpochSelection rule :
				new EpochSelection[] {EpochSelection.MIN_VALIDATION_SCORE, EpochSelection.MAX_PROXY_AUC}) {
			try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 1);
					GanomalyTrainer trainer = new GanomalyTrainer(
							nets, small(4).toBuilder().selection(rule).build())) {
				List<Map<String, float[]>> snapshots = new ArrayList<>();
				GanomalyTrainer.Result result = trainer.train(train, validation, new TrainingListener() {
					@Override
					public void epoch(Epoch report) {
						snapshots.add(nets.snapshot());
					}
				});
				List<TrainingListener.Epoch> history = result.summary().history();
				int expected = 1;
				for (TrainingListener.Epoch e : history) {
					assertTrue(e.proxyAuc() >= 0 && e.proxyAuc() <= 1);
					TrainingListener.Epoch chosen = history.get(expected - 1);
					if (rule == EpochSelection.MAX_PROXY_AUC
							? e.proxyAuc() > chosen.proxyAuc()
							: e.validationScore() < chosen.validationScore()) expected = e.epoch();
				}
				assertEquals(rule + ": " + history, expected, result.summary().selectedEpoch());
				assertTrue(
						result.summary().selectionReason(),
						result.summary().selectionReason().startsWith("epoch " + expected));
				Map<String, float[]> now = nets.snapshot();
				for (Map.Entry<String, float[]> e : snapshots.get(expected - 1).entrySet())
					assertArrayEquals(e.getKey(), e.getValue(), now.get(e.getKey()), 0f);
				assertEquals("validation", result.calibration().source());
				assertEquals(12, result.calibration().count());
			}
		}
	}

	@Test
	public void aSecondTrainingAtTheSameTimeIsAClearError() {
		InMemorySampleSet data = new SyntheticImages(16, 13).sampleSet(SyntheticImages.Kind.BLOBS, 16);
		try (GanomalyNetworks outer = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 0);
				GanomalyTrainer first = new GanomalyTrainer(outer, small(1));
				GanomalyNetworks inner = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 0);
				GanomalyTrainer second = new GanomalyTrainer(inner, small(1))) {
			String[] message = new String[1];
			first.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					if (message[0] == null) {
						try {
							second.train(data, null, TrainingListener.NONE);
							message[0] = "no error";
						} catch (IllegalStateException e) {
							message[0] = e.getMessage();
						}
					}
				}
			});
			assertTrue(message[0], message[0].contains("Another GANomaly training is already running"));
			// Once the first run ends, training is possible again.
			assertNotNull(second.train(data, null, TrainingListener.NONE));
		}
	}
}
