package org.ganomaly.fiji.core.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.nn.Forward;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.runtime.TensorKeys;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.junit.Test;

/**
 * The exported graph computes in ONNX Runtime what the plugin's scorer computes: an RGB network with an extra layer in
 * each encoder and the decoder, whose BatchNorm running statistics were set from data (not the initial 0 and 1).
 */
public class GeneratorGraphTest {

	private static final NetworkConfig RGB_EXTRA = new NetworkConfig(new ImageShape(3, 16), 8, 4, 1);

	@Test
	public void onnxRuntimeGivesTheScorersLatentScoresReconstructionsAndMaps() throws Exception {
		ImageShape shape = RGB_EXTRA.image();
		Random random = new Random(5);
		InMemorySampleSet samples = new InMemorySampleSet(shape);
		float[] all = new float[6 * shape.sampleLength()];
		for (int i = 0; i < 6; i++) {
			float[] sample = new float[shape.sampleLength()];
			for (int p = 0; p < sample.length; p++) sample[p] = random.nextFloat() * 2 - 1;
			samples.add(sample);
			System.arraycopy(sample, 0, all, i * sample.length, sample.length);
		}
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(RGB_EXTRA, DeviceRuntime.cpu(), 11)) {
			setRunningStatisticsFromData(networks, shape);
			float[] latent = new float[6], reconstructions = new float[all.length], maps = new float[6 * 16 * 16];
			new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, 4, true)
					.score(BatchScorer.iterate(samples), (i, item, s, r, m) -> {
						latent[i] = (float) s.latent();
						System.arraycopy(r, 0, reconstructions, i * r.length, r.length);
						System.arraycopy(m, 0, maps, i * m.length, m.length);
					});
			ModelProto onnx = GeneratorGraph.build(
					RGB_EXTRA, TensorKeys.under(TensorKeys.GENERATOR, networks.generatorSnapshot()), "test");
			assertEquals(GeneratorGraph.OPSET, onnx.getOpsetImport(0).getVersion());
			OnnxRuntimeRun.Outputs out = OnnxRuntimeRun.run(onnx.toByteArray(), shape, all);
			for (int i = 0; i < 6; i++)
				assertEquals("latent score " + i, latent[i], out.latentScores()[i], 1e-5 * latent[i]);
			for (int p = 0; p < all.length; p++)
				assertEquals("reconstruction value " + p, reconstructions[p], out.reconstructions()[p], 1e-5);
			for (int p = 0; p < maps.length; p++) assertEquals("map value " + p, maps[p], out.anomalyMaps()[p], 1e-5);
			assertTrue("the latent scores differ between images", latent[0] != latent[1]);
		}
	}

	@Test
	public void aMissingOrStrayTensorIsNamed() throws Exception {
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(RGB_EXTRA, DeviceRuntime.cpu(), 1)) {
			Map<String, float[]> tensors = TensorKeys.under(TensorKeys.GENERATOR, networks.generatorSnapshot());
			Map<String, float[]> missing = new LinkedHashMap<>(tensors);
			missing.remove("decoder.main.initial-8-8-convt.weight");
			expect(missing, "has no tensor 'decoder.main.initial-8-8-convt.weight'");
			Map<String, float[]> stray = new LinkedHashMap<>(tensors);
			stray.put("decoder.main.extra.weight", new float[1]);
			expect(stray, "does not use: [decoder.main.extra.weight]");
			Map<String, float[]> wrongSize = new LinkedHashMap<>(tensors);
			wrongSize.put("encoder1.main.initial-conv-3-4.weight", new float[3]);
			expect(wrongSize, "'encoder1.main.initial-conv-3-4.weight' holds 3 values; [4, 3, 4, 4] needs 192");
		}
	}

	private static void expect(Map<String, float[]> tensors, String message) {
		try {
			GeneratorGraph.build(RGB_EXTRA, tensors, "test");
			fail("built a graph from tensors that do not fit");
		} catch (IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(message));
		}
	}

	/** One pass with momentum 1 makes every running statistic the statistic of a batch of shifted, scaled noise. */
	private static void setRunningStatisticsFromData(GanomalyNetworks networks, ImageShape shape) {
		try (NDManager scratch = networks.manager().newSubManager()) {
			var x = scratch.randomNormal(
					0.3f, 0.7f, new Shape(8, shape.channels(), shape.size(), shape.size()), DataType.FLOAT32);
			networks.netG().forward(Forward.statisticsRefresh(scratch, networks.channelPadding(), 1f), x);
		}
	}
}
