package org.ganomaly.fiji.core.nn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.engine.ChannelPadding;
import org.ganomaly.fiji.core.engine.Engines;
import org.junit.Test;

/** The networks match the reference architecture: parameter counts from REFERENCE.md, shapes, names. */
public class NetworkShapesTest {

	@Test
	public void parameterCountsMatchTheReference() {
		assertCounts(32, 1, 3_200_384, 661_248);
		assertCounts(32, 3, 3_206_528, 663_296);
		assertCounts(64, 3, 10_729_856, 2_765_568);
	}

	private static void assertCounts(int size, int channels, long g, long d) {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NetworkConfig config = NetworkConfig.defaults(new ImageShape(channels, size));
			assertEquals("NetG at " + size + "," + channels, g, new NetG(manager, config).parameterCount());
			assertEquals("NetD at " + size + "," + channels, d, new NetD(manager, config).parameterCount());
		}
	}

	@Test
	public void outputShapesForEverySize() {
		Engines.noGradOnThisThread();
		for (int size = 16; size <= 256; size *= 2) {
			for (int extra = 0; extra <= 1; extra++) {
				try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
					NetworkConfig config = new NetworkConfig(new ImageShape(3, size), 20, 8, extra);
					NetG g = new NetG(manager, config);
					NetD d = new NetD(manager, config);
					g.initialize(new WeightInit(1));
					d.initialize(new WeightInit(2));
					NDArray x = manager.randomUniform(-1, 1, new Shape(2, 3, size, size));
					Forward pass = Forward.training(manager, ChannelPadding.NONE);
					NetG.Output out = g.forward(pass, x);
					assertEquals(
							new Shape(2, 3, size, size), out.reconstruction().getShape());
					assertEquals(new Shape(2, 20, 1, 1), out.latent().getShape());
					assertEquals(
							new Shape(2, 20, 1, 1), out.reconstructedLatent().getShape());
					float[] rec = out.reconstruction().toFloatArray();
					for (float v : rec) assertTrue("tanh output in [-1, 1]", v >= -1 && v <= 1);
					NetD.Output dOut = d.forward(pass, x);
					assertEquals(new Shape(2), dOut.logits().getShape());
					// features end at 4×4 with width nf·size/8
					assertEquals(
							new Shape(2, 8L * size / 8, 4, 4), dOut.features().getShape());
				}
			}
		}
	}

	@Test
	public void tensorNamesFollowTheReferenceStateDict() {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NetworkConfig config = NetworkConfig.defaults(new ImageShape(1, 32));
			List<String> g = new NetG(manager, config)
					.tensors().stream().map(Tensor::name).toList();
			assertEquals("encoder1.main.initial-conv-1-64.weight", g.get(0));
			assertTrue(g.contains("decoder.main.initial-100-256-convt.weight"));
			assertTrue(g.contains("decoder.main.pyramid-128-batchnorm.running_var"));
			assertTrue(g.contains("decoder.main.final-64-1-convt.weight"));
			assertTrue(g.contains("encoder2.main.final-256-1-conv.weight"));
			List<String> d = new NetD(manager, config)
					.tensors().stream().map(Tensor::name).toList();
			assertEquals(
					List.of(
							"features.0.weight",
							"features.2.weight",
							"features.3.weight",
							"features.3.bias",
							"features.3.running_mean",
							"features.3.running_var",
							"features.5.weight",
							"features.6.weight",
							"features.6.bias",
							"features.6.running_mean",
							"features.6.running_var",
							"classifier.0.weight"),
					d);
		}
	}

	@Test
	public void initialisationFollowsTheReferenceDistributions() {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NetG g = new NetG(manager, NetworkConfig.defaults(new ImageShape(1, 32)));
			g.initialize(new WeightInit(7));
			for (Tensor t : g.tensors()) {
				float[] v = t.array().toFloatArray();
				double mean = 0, sq = 0;
				for (float f : v) mean += f;
				mean /= v.length;
				for (float f : v) sq += (f - mean) * (f - mean);
				double std = Math.sqrt(sq / v.length);
				if (t.name().endsWith("running_mean")) assertEquals(0, mean, 0);
				else if (t.name().endsWith("running_var")) assertEquals(1, mean, 0);
				else if (t.name().endsWith("batchnorm.bias")) assertEquals(t.name(), 0, std + Math.abs(mean), 0);
				else if (t.name().endsWith("batchnorm.weight")) assertEquals(t.name(), 1, mean, 0.01);
				else if (v.length > 1000) {
					assertEquals(t.name(), 0, mean, 0.002);
					assertEquals(t.name(), 0.02, std, 0.002);
				}
			}
		}
	}

	/**
	 * A pass keeps no activation between layers: each is freed as soon as the next layer has used it, and gradients
	 * still reach the input through them (autograd keeps what it needs by its own references).
	 */
	@Test
	public void aPassFreesActivationsBetweenLayersAndGradientsStillFlow() {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NetworkConfig config = new NetworkConfig(new ImageShape(1, 32), 20, 16, 1);
			NetG g = new NetG(manager, config);
			g.initialize(new WeightInit(1));
			try (GradientCollector collector = Engines.pytorch().newGradientCollector();
					NDManager step = manager.newSubManager()) {
				// Activations join the manager of the array they are computed from: the step's, as in training.
				NDArray x = step.randomUniform(-1, 1, new Shape(2, 1, 32, 32));
				x.setRequiresGradient(true);
				NetG.Output out = g.forward(Forward.training(step, ChannelPadding.NONE), x);
				// Between layers (nf 16, 32 px): 16 channels at 16×16, 32 at 8×8, 64 at 4×4; every one of them is
				// some layer's input, none is an output of the pass.
				List<Shape> between = List.of(new Shape(2, 16, 16, 16), new Shape(2, 32, 8, 8), new Shape(2, 64, 4, 4));
				for (NDArray left : step.getManagedArrays())
					assertFalse(
							"an activation between layers is still held: " + left.getShape(),
							between.contains(left.getShape()));
				collector.backward(
						out.reconstructedLatent().sub(out.latent()).square().sum());
				double sum = 0;
				for (float v : x.getGradient().toFloatArray()) sum += Math.abs(v);
				assertTrue("the input's gradient flows through the freed activations", sum > 0 && Double.isFinite(sum));
			}
		}
	}
}
