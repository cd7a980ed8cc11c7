package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelBuilder;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.rules.TemporaryFolder;

/** A model file holds enough to continue training exactly where an uninterrupted run would be. */
public class ResumeTrainingTest {

	@Rule
	public TemporaryFolder folder = new TemporaryFolder();

	private static final NetworkConfig SMALL = new NetworkConfig(new ImageShape(1, 16), 16, 8, 0);

	private static TrainingConfig twoEpochs() {
		return TrainingConfig.defaults().toBuilder()
				.batchSize(8)
				.epochs(2)
				.seed(2)
				.selection(EpochSelection.LAST)
				.preciseBatchNormBatches(1)
				.build();
	}

	@Test
	public void resumingFromTheModelFileMatchesAnUninterruptedRun() throws Exception {
		assertResumingMatchesAnUninterruptedRun(
				twoEpochs().toBuilder().averagingHalfLife(0).build());
	}

	@Test
	public void withWeightAveragingResumingAlsoMatchesAnUninterruptedRun() throws Exception {
		assertResumingMatchesAnUninterruptedRun(
				twoEpochs().toBuilder().averagingHalfLife(0.5).build());
	}

	@Test
	public void aModelTrainedWithoutAveragingIsNotContinuedWithIt() throws Exception {
		assertResumeRefused(
				twoEpochs().toBuilder().averagingHalfLife(0).build(),
				twoEpochs().toBuilder().averagingHalfLife(1).build(),
				"weight-averaging half-life was 0, is 1");
	}

	@Test
	public void aModelTrainedWithAveragingIsNotContinuedWithout() throws Exception {
		assertResumeRefused(
				twoEpochs().toBuilder().averagingHalfLife(1).build(),
				twoEpochs().toBuilder().averagingHalfLife(0).build(),
				"weight-averaging half-life was 1, is 0");
	}

	@Test
	public void aModelIsNotContinuedWithAnotherHalfLifeOrLearningRate() throws Exception {
		assertResumeRefused(
				twoEpochs().toBuilder().averagingHalfLife(1).build(),
				twoEpochs().toBuilder()
						.averagingHalfLife(0.5)
						.learningRate(1e-4)
						.build(),
				"learning rate was 0.0002, is 0.0001; weight-averaging half-life was 1, is 0.5");
	}

	@Test
	public void aModelIsNotContinuedWithOtherLossWeights() throws Exception {
		assertResumeRefused(
				twoEpochs(), twoEpochs().toBuilder().lossWeights(1, 20, 1).build(), "contextual weight was 50, is 20");
	}

	@Test
	public void aModelWhoseStateLacksItsAverageIsNotContinued() throws Exception {
		Path file = trainOneEpoch(twoEpochs().toBuilder().averagingHalfLife(0).build());
		try (GanomalyModel model = ModelFile.load(file, DeviceRuntime.cpu());
				GanomalyTrainer trainer = new GanomalyTrainer(
						model.networks(),
						twoEpochs().toBuilder().averagingHalfLife(1).build())) {
			// the manifest claims averaging, the saved optimizer state has none: a damaged or hand-edited file
			assertRefused(
					() -> trainer.resume(
							model.optimizerState(),
							model.manifest().summary(),
							twoEpochs().toBuilder().averagingHalfLife(1).build()),
					"weight averaging missing");
		}
	}

	private void assertResumeRefused(TrainingConfig trained, TrainingConfig resumed, String expected) throws Exception {
		Path file = trainOneEpoch(trained);
		try (GanomalyModel model = ModelFile.load(file, DeviceRuntime.cpu());
				GanomalyTrainer trainer = new GanomalyTrainer(model.networks(), resumed)) {
			assertRefused(
					() -> trainer.resume(
							model.optimizerState(),
							model.manifest().summary(),
							model.manifest().training()),
					expected);
		}
	}

	/** Resuming from {@code previous} (no optimizer state) is refused with a message containing {@code expected}. */
	private static void assertResumeRefused(TrainingSummary previous, String expected) {
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 0);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, TrainingConfig.defaults())) {
			assertRefused(() -> trainer.resume(Map.of(), previous, TrainingConfig.defaults()), expected);
		}
	}

	private static void assertRefused(ThrowingRunnable resume, String expected) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, resume);
		assertTrue(e.getMessage(), e.getMessage().contains(expected));
	}

	private Path trainOneEpoch(TrainingConfig twoEpochs) throws Exception {
		InMemorySampleSet data = new SyntheticImages(16, 8).sampleSet(SyntheticImages.Kind.BLOBS, 24);
		Path file = folder.getRoot().toPath().resolve("half" + ModelFile.EXTENSION);
		TrainingConfig oneEpoch = twoEpochs.toBuilder().epochs(1).build();
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 2);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, oneEpoch)) {
			GanomalyTrainer.Result result = trainer.train(data, null, TrainingListener.NONE);
			ModelFile.save(
					ModelBuilder.build(
							nets,
							oneEpoch,
							result,
							Preprocessing.resizedBytes(SMALL.image()),
							trainer.optimizerState()),
					file,
					false);
		}
		return file;
	}

	private void assertResumingMatchesAnUninterruptedRun(TrainingConfig twoEpochs) throws Exception {
		InMemorySampleSet data = new SyntheticImages(16, 8).sampleSet(SyntheticImages.Kind.BLOBS, 24);

		Map<String, float[]> straight;
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(SMALL, DeviceRuntime.cpu(), 2);
				GanomalyTrainer trainer = new GanomalyTrainer(nets, twoEpochs)) {
			trainer.train(data, null, TrainingListener.NONE);
			straight = nets.snapshot();
		}

		Path file = trainOneEpoch(twoEpochs);
		try (GanomalyModel model = ModelFile.load(file, DeviceRuntime.cpu());
				GanomalyTrainer trainer = new GanomalyTrainer(model.networks(), twoEpochs)) {
			trainer.resume(
					model.optimizerState(),
					model.manifest().summary(),
					model.manifest().training());
			GanomalyTrainer.Result result = trainer.train(data, null, TrainingListener.NONE);
			assertEquals(2, result.summary().epochsCompleted());
			assertEquals(2, result.summary().history().size());
			Map<String, float[]> resumed = model.networks().snapshot();
			for (Map.Entry<String, float[]> e : straight.entrySet())
				assertArrayEquals(e.getKey(), e.getValue(), resumed.get(e.getKey()), 0f);
		}
	}

	@Test
	public void aCancelledModelCannotBeResumedExactly() {
		TrainingSummary cancelled = new TrainingSummary(2, 2, "last", true, null, java.util.List.of(), 0, 10, 2, 1);
		assertResumeRefused(cancelled, "cancelled part-way through epoch 3");
	}

	@Test
	public void aModelNotAtItsLastEpochCannotBeResumedExactly() {
		TrainingSummary chosenEarlier =
				new TrainingSummary(3, 2, "validation", false, null, java.util.List.of(), 0, 10, 2, 1);
		assertResumeRefused(chosenEarlier, "holds epoch 2 of 3");
	}
}
