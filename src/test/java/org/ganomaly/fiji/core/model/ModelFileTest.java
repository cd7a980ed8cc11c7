package org.ganomaly.fiji.core.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ModelFileTest {

	@Rule
	public TemporaryFolder folder = new TemporaryFolder();

	private static GanomalyModel model;
	private static InMemorySampleSet data;

	@BeforeClass
	public static void train() {
		GanomalyNetworks networks = GanomalyNetworks.initialized(
				new NetworkConfig(new ImageShape(1, 16), 16, 8, 0), DeviceRuntime.cpu(), 5);
		data = new SyntheticImages(16, 5).sampleSet(SyntheticImages.Kind.BLOBS, 24);
		TrainingConfig config = TrainingConfig.defaults().toBuilder()
				.batchSize(8)
				.epochs(1)
				.preciseBatchNormBatches(1)
				.build();
		try (GanomalyTrainer trainer = new GanomalyTrainer(networks, config)) {
			GanomalyTrainer.Result result = trainer.train(data, null, TrainingListener.NONE);
			model = ModelBuilder.build(
					networks,
					config,
					result,
					Preprocessing.resizedBytes(new ImageShape(1, 16)),
					trainer.optimizerState());
		}
	}

	@AfterClass
	public static void close() {
		model.close();
	}

	@Test
	public void roundTripKeepsWeightsManifestAndScores() throws IOException {
		Path file = folder.getRoot().toPath().resolve("blobs" + ModelFile.EXTENSION);
		ModelFile.save(model, file, false);
		try (GanomalyModel loaded = ModelFile.load(file, DeviceRuntime.cpu())) {
			Map<String, float[]> a = model.networks().snapshot(),
					b = loaded.networks().snapshot();
			assertEquals(a.keySet(), b.keySet());
			for (String k : a.keySet()) assertArrayEquals(k, a.get(k), b.get(k), 0f);
			assertEquals(model.manifest().network(), loaded.manifest().network());
			assertEquals(IntensityRange.BYTE, loaded.manifest().intensity());
			assertEquals(model.manifest().preprocessing(), loaded.manifest().preprocessing());
			assertEquals(model.manifest().training(), loaded.manifest().training());
			assertEquals(
					model.manifest().calibration().threshold(),
					loaded.manifest().calibration().threshold(),
					0);
			assertEquals(1, loaded.manifest().summary().epochsCompleted());
			assertNotNull(loaded.optimizerState());
			assertEquals(
					model.optimizerState().keySet(), loaded.optimizerState().keySet());
			double[] before =
					new BatchScorer(model.networks(), BatchNormMode.RUNNING_STATISTICS, 8, false).latentScores(data);
			double[] after =
					new BatchScorer(loaded.networks(), BatchNormMode.RUNNING_STATISTICS, 8, false).latentScores(data);
			assertArrayEquals(before, after, 0);
		}
		assertEquals(
				"no temporary files are left",
				1,
				Files.list(folder.getRoot().toPath()).count());
	}

	/**
	 * A scoring-only file holds the generator and the manifest: the same scores as the full file, no optimizer
	 * state, and its size is at most the generator's float32 weights (the default 32×32 network: 3,200,384
	 * trainable values and the BatchNorm statistics, 12.8 MB), where the full file with D, Adam's moments and the
	 * averaged weights is several times larger.
	 */
	@Test
	public void aScoringOnlyModelScoresTheSameAndIsTheGeneratorsSize() throws IOException {
		Path full = folder.getRoot().toPath().resolve("full.ganomaly");
		Path small = folder.getRoot().toPath().resolve("small.ganomaly");
		ModelFile.save(model, full, false);
		ModelFile.save(model.forScoring(), small, false);
		try (GanomalyModel loaded = ModelFile.load(small, DeviceRuntime.cpu())) {
			assertTrue(loaded.manifest().scoringOnly());
			assertEquals(null, loaded.optimizerState());
			double[] before =
					new BatchScorer(model.networks(), BatchNormMode.RUNNING_STATISTICS, 8, false).latentScores(data);
			double[] after =
					new BatchScorer(loaded.networks(), BatchNormMode.RUNNING_STATISTICS, 8, false).latentScores(data);
			assertArrayEquals(before, after, 0);
		}
		long generatorBytes = 0;
		for (Map.Entry<String, float[]> e : model.networks().snapshot().entrySet())
			if (e.getKey().startsWith("netG.")) generatorBytes += 4L * e.getValue().length;
		long size = Files.size(small);
		assertTrue(
				size + " bytes for " + generatorBytes + " bytes of generator weights",
				size <= generatorBytes + 64 * 1024);
		assertTrue("full " + Files.size(full) + " bytes, scoring-only " + size, Files.size(full) > 3 * generatorBytes);

		try (GanomalyNetworks defaults =
				GanomalyNetworks.initialized(NetworkConfig.defaults(new ImageShape(1, 32)), DeviceRuntime.cpu(), 1)) {
			ModelManifest m = model.manifest();
			GanomalyModel untrained = new GanomalyModel(
					defaults,
					new ModelManifest(
							m.format(),
							m.formatVersion(),
							defaults.config(),
							Preprocessing.resizedBytes(defaults.config().image()),
							m.training(),
							m.summary(),
							m.calibration(),
							m.pixelCalibration(),
							m.verdictCalibration(),
							m.software(),
							m.created(),
							ModelManifest.SCORING),
					null);
			Path file = folder.getRoot().toPath().resolve("default32.ganomaly");
			ModelFile.save(untrained, file, false);
			long weights = 0;
			for (Map.Entry<String, float[]> e : defaults.snapshot().entrySet())
				if (e.getKey().startsWith("netG.")) weights += 4L * e.getValue().length;
			// 3,200,384 trainable values (as the reference counts them) and the running mean and variance of its
			// 1,216 BatchNorm channels.
			assertEquals(
					"the default 32×32 generator's float32 weights and statistics",
					4 * (3_200_384 + 2 * 1_216),
					weights);
			// Deflate takes a few percent off random float32 weights.
			assertTrue(Files.size(file) + " bytes", Files.size(file) > 0.85 * weights && Files.size(file) < weights);
		}
	}

	@Test
	public void anExistingFileIsNeverSilentlyReplaced() throws IOException {
		Path file = folder.newFile("precious.ganomaly").toPath();
		Files.writeString(file, "user data");
		try {
			ModelFile.save(model, file, false);
			fail("expected a refusal");
		} catch (FileAlreadyExistsException e) {
			assertTrue(e.getMessage().contains("precious.ganomaly"));
		}
		assertEquals("user data", Files.readString(file));
		ModelFile.save(model, file, true);
		assertEquals(model.manifest().network(), ModelFile.readManifest(file).network());
	}

	@Test
	public void missingFileNamesTheFile() {
		Path file = folder.getRoot().toPath().resolve("nothing.ganomaly");
		expectError(file, NoSuchFileException.class, "nothing.ganomaly");
	}

	@Test
	public void foreignTruncatedCorruptAndNewerFilesGiveClearErrors() throws IOException {
		Path good = folder.getRoot().toPath().resolve("good.ganomaly");
		ModelFile.save(model, good, false);
		byte[] bytes = Files.readAllBytes(good);

		Path text = folder.newFile("notes.ganomaly").toPath();
		Files.writeString(text, "hello");
		expectError(text, IOException.class, "is not a GANomaly model file");

		Path truncated = folder.getRoot().toPath().resolve("truncated.ganomaly");
		Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		expectError(truncated, IOException.class, "truncated.ganomaly");

		Path foreign = zip("foreign.ganomaly", "{\"format\": \"something else\", \"formatVersion\": 1}", null);
		expectError(foreign, IOException.class, "is not a GANomaly for Fiji model");

		String manifest = new String(readEntry(good, "manifest.json"), StandardCharsets.UTF_8);
		Path newer = zip(
				"newer.ganomaly",
				manifest.replace("\"formatVersion\": " + ModelManifest.FORMAT_VERSION, "\"formatVersion\": 99"),
				readEntry(good, "tensors.bin"));
		expectError(newer, IOException.class, "newer GANomaly for Fiji");

		byte[] tensors = readEntry(good, "tensors.bin");
		Path damaged = zip("damaged.ganomaly", manifest, java.util.Arrays.copyOf(tensors, tensors.length - 100));
		expectError(damaged, IOException.class, "is damaged");

		Path noTensors = zip("empty.ganomaly", manifest, null);
		expectError(noTensors, IOException.class, "no tensors.bin inside");
	}

	/** A model whose verdict calibration predates the map peaks loads, with the latent rule as its verdict. */
	@Test
	public void aVerdictCalibrationOfAreasIsReadAsNone() throws IOException {
		Path good = folder.getRoot().toPath().resolve("current.ganomaly");
		ModelFile.save(model, good, false);
		assertNotNull(ModelFile.readManifest(good).verdictCalibration());
		com.google.gson.JsonObject manifest = com.google.gson.JsonParser.parseString(
						new String(readEntry(good, "manifest.json"), StandardCharsets.UTF_8))
				.getAsJsonObject();
		com.google.gson.JsonObject verdict = manifest.getAsJsonObject("verdictCalibration");
		verdict.add("areas", verdict.remove("peaks"));
		verdict.remove("layoutAuc");
		verdict.remove("layoutImages");
		Path earlier = zip("earlier.ganomaly", manifest.toString(), readEntry(good, "tensors.bin"));
		try (GanomalyModel loaded = ModelFile.load(earlier, DeviceRuntime.cpu())) {
			assertNull(loaded.manifest().verdictCalibration());
			assertEquals(
					model.manifest().calibration().threshold(),
					loaded.manifest().calibration().threshold(),
					0);
		}
	}

	private Path zip(String name, String manifest, byte[] tensors) throws IOException {
		Path file = folder.getRoot().toPath().resolve(name);
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(manifest.getBytes(StandardCharsets.UTF_8));
			if (tensors != null) {
				zip.putNextEntry(new ZipEntry("tensors.bin"));
				zip.write(tensors);
			}
		}
		return file;
	}

	private static byte[] readEntry(Path file, String entry) throws IOException {
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
			return zip.getInputStream(zip.getEntry(entry)).readAllBytes();
		}
	}

	private static void expectError(Path file, Class<? extends Exception> type, String text) {
		try (GanomalyModel m = ModelFile.load(file, DeviceRuntime.cpu())) {
			fail("expected an error for " + file);
		} catch (Exception e) {
			assertTrue(e.getClass().getSimpleName() + ": " + e.getMessage(), type.isInstance(e));
			assertTrue(e.getMessage(), e.getMessage().contains(text));
			assertTrue(
					"the message names the file: " + e.getMessage(),
					e.getMessage().contains(file.getFileName().toString()));
		}
	}
}
