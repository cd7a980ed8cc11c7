package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelBuilder;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.Test;

/** A loss or score that is not a number stops training at once, keeps the last good epoch, and says what to try. */
public class DivergenceTest {

	private static final NetworkConfig SMALL = new NetworkConfig(new ImageShape(1, 16), 16, 8, 0);

	private static TrainingConfig small(int epochs) {
		return TrainingConfig.defaults().toBuilder()
				.batchSize(8)
				.epochs(epochs)
				.seed(3)
				.preciseBatchNormBatches(2)
				.build();
	}

	@Test
	public void aLearningRateThatDivergesStopsTheFirstEpochWithAClearMessage() {
		InMemorySampleSet data = new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 32);
		List<TrainingListener.Iteration> seen = new ArrayList<>();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 3);
				GanomalyTrainer trainer = new GanomalyTrainer(
						nets, small(3).toBuilder().learningRate(1e30).build())) {
			TrainingDivergedException e = assertThrows(
					TrainingDivergedException.class,
					() -> trainer.train(data, null, new TrainingListener() {
						@Override
						public void iteration(Iteration report) {
							seen.add(report);
						}
					}));
			String message = e.getMessage();
			int failed = seen.size() + 1;
			assertTrue(
					message, message.startsWith("Training diverged at epoch 1, iteration " + failed + " of 4: errG "));
			assertTrue(
					"the losses so far were finite",
					seen.stream().allMatch(i -> i.losses().finite()));
			assertTrue(message, message.contains("No good epoch was completed, so no model was made."));
			assertTrue(
					message, message.contains("Try a lower learning rate (this run: 1000000000000000000000000000000)"));
		}
	}

	@Test
	public void aNonFiniteLossLaterKeepsTheLastCompletedEpochAndCannotBeContinued() {
		PoisonedAfterFirstEpoch data =
				new PoisonedAfterFirstEpoch(new SyntheticImages(16, 4).sampleSet(SyntheticImages.Kind.BLOBS, 32));
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 3);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, small(3))) {
			List<Map<String, float[]>> afterEpoch = new ArrayList<>();
			InMemorySampleSet validation = new SyntheticImages(16, 5).sampleSet(SyntheticImages.Kind.BLOBS, 16);
			GanomalyTrainer.Result result = trainer.train(data, validation, new TrainingListener() {
				@Override
				public void epoch(Epoch report) {
					afterEpoch.add(nets.snapshot());
					data.poisoned = true; // a NaN pixel in every later batch
				}
			});
			assertNotNull(result);
			TrainingSummary summary = result.summary();
			assertTrue(summary.divergence(), summary.divergence().startsWith("epoch 2, iteration 1 of 4: errG NaN"));
			assertTrue(summary.stoppedEarly());
			assertEquals(1, summary.epochsCompleted());
			assertEquals(1, summary.selectedEpoch());
			assertEquals(1, afterEpoch.size());
			Map<String, float[]> now = nets.snapshot();
			afterEpoch.get(0).forEach((name, values) -> assertArrayEquals(name, values, now.get(name), 0f));
			assertTrue(Double.isFinite(result.calibration().threshold()));

			GanomalyModel model = ModelBuilder.build(
					nets,
					small(3),
					result,
					Preprocessing.resizedBytes(nets.config().image()),
					trainer.optimizerState());
			assertEquals("no optimizer state is kept from a diverged run", null, model.optimizerState());
			try (GanomalyTrainer again = new GanomalyTrainer(nets, small(4))) {
				IllegalArgumentException refused = assertThrows(
						IllegalArgumentException.class,
						() -> again.resume(trainer.optimizerState(), summary, small(3)));
				assertTrue(refused.getMessage(), refused.getMessage().contains("its training diverged (epoch 2"));
			}
		}
	}

	/** A training set whose samples hold a NaN once {@link #poisoned} is set. */
	private static final class PoisonedAfterFirstEpoch implements SampleSet {

		private final SampleSet data;
		volatile boolean poisoned;

		PoisonedAfterFirstEpoch(SampleSet data) {
			this.data = data;
		}

		@Override
		public ImageShape shape() {
			return data.shape();
		}

		@Override
		public int size() {
			return data.size();
		}

		@Override
		public void copyTo(int index, float[] dst, int offset) {
			data.copyTo(index, dst, offset);
			if (poisoned) dst[offset] = Float.NaN;
		}
	}

	@Test
	public void trainingIsFiniteAndRepeatableForTheNarrowWidths() {
		InMemorySampleSet data = new SyntheticImages(16, 6).sampleSet(SyntheticImages.Kind.BLOBS, 48);
		for (int nf : new int[] {8, 12, 16}) {
			NetworkConfig network = new NetworkConfig(new ImageShape(1, 16), 16, nf, 0);
			List<Losses> a = losses(network, data), b = losses(network, data);
			assertEquals(12, a.size());
			assertTrue("nf " + nf + ": " + a, a.stream().allMatch(Losses::finite));
			assertEquals("nf " + nf + ": same seed, same losses", a, b);
		}
	}

	private static List<Losses> losses(NetworkConfig network, InMemorySampleSet data) {
		List<Losses> out = new ArrayList<>();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(network, DeviceRuntime.cpu(), 3);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, small(2))) {
			trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					out.add(report.losses());
				}
			});
		}
		return out;
	}
}
