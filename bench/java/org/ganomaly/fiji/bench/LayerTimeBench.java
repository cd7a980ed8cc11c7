package org.ganomaly.fiji.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.nn.Decoder;
import org.ganomaly.fiji.core.nn.Encoder;
import org.ganomaly.fiji.core.nn.Forward;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.nn.Sequential;
import org.ganomaly.fiji.core.nn.WeightInit;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * Where scoring's time goes, layer by layer: the generator's three parts (encoder1, decoder, encoder2) in eval mode
 * without gradients, each layer timed on its own with the wall clock (libtorch's CPU operations run synchronously),
 * as the plugin runs them (kernels and channel padding of the CPU runtime, intermediates freed at once).
 * bench/reference/layer_time_ref.py times the reference's modules the same way. Prints one JSON object per layer:
 * part, index, layer kind, output shape, median milliseconds per batch over --reps passes after --warmup.
 * <p>
 * Usage: LayerTimeBench --config 32x1 --batch 64 --warmup 5 --reps 20
 */
public final class LayerTimeBench {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		ImageShape shape = SpeedBench.shape(a);
		int batch = a.getInt("batch", 64), warmup = a.getInt("warmup", 5), reps = a.getInt("reps", 20);
		DeviceRuntime device = DeviceChoice.parse("cpu").open(System.err::println);
		NetworkConfig config = NetworkConfig.defaults(shape);
		// The networks' convolutions checked and their padding decided as scoring would have them.
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(config, device, 0);
				NDManager manager = NDManager.newBaseManager(device.device(), "PyTorch")) {
			Engines.noGradOnThisThread();
			Map<String, Sequential> parts = new LinkedHashMap<>();
			parts.put("encoder1", Encoder.build(manager, config, config.nz()));
			parts.put("decoder", Decoder.build(manager, config));
			parts.put("encoder2", Encoder.build(manager, config, config.nz()));
			WeightInit init = new WeightInit(0);
			parts.values().forEach(p -> p.initialize(init));
			float[] input = new float[batch * shape.sampleLength()];
			for (int i = 0; i < batch; i++)
				System.arraycopy(
						SpeedBench.random(shape.sampleLength(), 100 + i),
						0,
						input,
						i * shape.sampleLength(),
						shape.sampleLength());
			Map<String, double[]> times = new LinkedHashMap<>();
			Map<String, Shape> shapes = new LinkedHashMap<>();
			for (int rep = 0; rep < warmup + reps; rep++) {
				try (NDManager step = manager.newSubManager()) {
					Forward pass = Forward.inference(step, nets.channelPadding());
					NDArray first = step.create(input, new Shape(batch, shape.channels(), shape.size(), shape.size()));
					NDArray x = first;
					for (Map.Entry<String, Sequential> part : parts.entrySet()) {
						Sequential seq = part.getValue();
						for (int i = 0; i < seq.size(); i++) {
							Sequential layer = seq.slice(i, i + 1);
							long t0 = System.nanoTime();
							NDArray y = layer.forward(pass, x);
							long t1 = System.nanoTime();
							// Freed as the networks free them (Sequential#forward), after the clock stops.
							if (x != first && x != y) x.close();
							x = y;
							String key = part.getKey() + " " + i + " " + kind(seq, i);
							times.computeIfAbsent(key, k -> new double[reps]);
							shapes.put(key, y.getShape());
							if (rep >= warmup) times.get(key)[rep - warmup] = (t1 - t0) / 1e6;
						}
					}
				}
			}
			for (Map.Entry<String, double[]> e : times.entrySet()) {
				double[] v = e.getValue().clone();
				java.util.Arrays.sort(v);
				String[] k = e.getKey().split(" ", 3);
				System.out.printf(
						Locale.ROOT,
						"{\"side\": \"java\", \"part\": \"%s\", \"index\": %s, \"layer\": \"%s\", \"output\": \"%s\", "
								+ "\"ms_median\": %.3f}%n",
						k[0],
						k[1],
						k[2],
						shapes.get(e.getKey()),
						v[v.length / 2]);
			}
		}
	}

	/** The layer's kind, from its tensors: none (activation), a weight, or BatchNorm's four. */
	private static String kind(Sequential seq, int i) {
		java.util.List<org.ganomaly.fiji.core.nn.Tensor> tensors = new java.util.ArrayList<>();
		seq.slice(i, i + 1).tensors("", tensors);
		return switch (tensors.size()) {
			case 0 -> "activation";
			case 1 -> "weights " + tensors.get(0).array().getShape();
			default -> "batchnorm";
		};
	}
}
