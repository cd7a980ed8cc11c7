package org.ganomaly.fiji.core.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;

/** Runs an exported generator in ONNX Runtime for Java (with its default graph optimisations) on a batch of samples. */
public final class OnnxRuntimeRun {

	/** Every output of the graph, flattened. */
	public record Outputs(float[] latentScores, float[] reconstructions, float[] latents, float[] anomalyMaps) {}

	private OnnxRuntimeRun() {}

	/**
	 * @param onnx the file's bytes
	 * @param samples n samples of {@code shape}, in network units, one after the other
	 */
	public static Outputs run(byte[] onnx, ImageShape shape, float[] samples) throws OrtException {
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		long n = samples.length / shape.sampleLength();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				OrtSession session = env.createSession(onnx, options);
				OnnxTensor input = OnnxTensor.createTensor(
						env, FloatBuffer.wrap(samples), new long[] {n, shape.channels(), shape.size(), shape.size()});
				OrtSession.Result result = session.run(Map.of(GeneratorGraph.INPUT, input))) {
			Map<String, float[]> out = new HashMap<>();
			for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
				FloatBuffer values = ((OnnxTensor) e.getValue()).getFloatBuffer();
				float[] copy = new float[values.remaining()];
				values.get(copy);
				out.put(e.getKey(), copy);
			}
			return new Outputs(
					out.get(GeneratorGraph.LATENT_SCORE),
					out.get(GeneratorGraph.RECONSTRUCTION),
					out.get(GeneratorGraph.LATENT),
					out.get(GeneratorGraph.ANOMALY_MAP));
		}
	}
}
