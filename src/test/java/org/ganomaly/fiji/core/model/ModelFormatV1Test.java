package org.ganomaly.fiji.core.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Model files of format 1 still load. The fixture is the manifest of a tiled 16-bit model that Train GANomaly wrote
 * in format 1 (before format 2 typed the preprocessing); the test pairs it with tensors of that network.
 */
public class ModelFormatV1Test {

	@Rule
	public TemporaryFolder folder = new TemporaryFolder();

	private static String v1Manifest() throws IOException {
		try (InputStream in = ModelFormatV1Test.class.getResourceAsStream("v1-tiled-manifest.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private Path v1File(GanomalyNetworks networks) throws IOException {
		Path file = folder.getRoot().toPath().resolve("v1" + ModelFile.EXTENSION);
		try (OutputStream out = Files.newOutputStream(file);
				ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(v1Manifest().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("tensors.bin"));
			TensorCodec.write(networks.snapshot(), zip);
			zip.closeEntry();
		}
		return file;
	}

	@Test
	public void aFormat1FileLoadsWithItsPreprocessingTypedAndScoresTheSame() throws IOException {
		JsonObject v1 = JsonParser.parseString(v1Manifest()).getAsJsonObject();
		assertEquals("the fixture is format 1", 1, v1.get("formatVersion").getAsInt());
		NetworkConfig network = new NetworkConfig(new ImageShape(1, 16), 8, 4, 0);
		InMemorySampleSet samples = new SyntheticImages(16, 3).sampleSet(SyntheticImages.Kind.BLOBS, 6);
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(network, DeviceRuntime.cpu(), 9)) {
			Path file = v1File(networks);
			ModelManifest manifest = ModelFile.readManifest(file);
			assertEquals(network, manifest.network());
			assertEquals(
					new Preprocessing(
							new ImageShape(1, 16),
							Sampling.tile(8),
							new IntensityRange(1000, 1299),
							"0.1th to 99.9th percentile of the training pixels"),
					manifest.preprocessing());
			assertEquals(1, manifest.summary().epochsCompleted());

			double[] expected =
					new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, false).latentScores(samples);
			try (GanomalyModel loaded = ModelFile.load(file, DeviceRuntime.cpu())) {
				assertArrayEquals(
						expected,
						new BatchScorer(loaded.networks(), BatchNormMode.RUNNING_STATISTICS, 4, false)
								.latentScores(samples),
						0);
				// Saved again, it is a format 2 file with the same preprocessing.
				Path again = folder.getRoot().toPath().resolve("v2" + ModelFile.EXTENSION);
				ModelFile.save(loaded, again, false);
				ModelManifest v2 = ModelFile.readManifest(again);
				assertEquals(ModelManifest.FORMAT_VERSION, v2.formatVersion());
				assertEquals(manifest.preprocessing(), v2.preprocessing());
			}
		}
	}
}
