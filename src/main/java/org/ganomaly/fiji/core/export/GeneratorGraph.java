package org.ganomaly.fiji.core.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ganomaly.fiji.core.nn.NetworkConfig;

/**
 * The generator's scoring path (encoder1 → decoder → encoder2, BatchNorm in eval mode with the running statistics)
 * as an ONNX graph, built from the network's architecture and its tensors under their PyTorch state_dict names (the
 * names {@code org.ganomaly.fiji.core.nn} gives them, without the model file's {@code netG.} prefix). Transposed
 * convolutions are ONNX ConvTranspose, whose weight layout [in, out, k, k] is PyTorch's. BatchNorm is exported as
 * BatchNormalization rather than folded into the convolutions, so the runtime computes what the plugin computes.
 * <p>
 * Input {@value #INPUT}: N×C×S×S float32 in the network's range [-1, 1]. Outputs: {@value #LATENT} (z, N×nz×1×1),
 * {@value #RECONSTRUCTED_LATENT} (ẑ), {@value #RECONSTRUCTION} (x̂, N×C×S×S), {@value #LATENT_SCORE} (mean((z − ẑ)²)
 * per image, N) and {@value #ANOMALY_MAP} (|x − x̂| averaged over channels, N×1×S×S, unsmoothed).
 */
public final class GeneratorGraph {

	/** ONNX operator set of the graph: ReduceMean still takes its axes as an attribute there. */
	public static final int OPSET = 13;

	public static final String INPUT = "image";
	public static final String LATENT = "latent";
	public static final String RECONSTRUCTED_LATENT = "reconstructed_latent";
	public static final String RECONSTRUCTION = "reconstruction";
	public static final String LATENT_SCORE = "latent_score";
	public static final String ANOMALY_MAP = "anomaly_map";

	private static final String BATCH = "N";
	private static final float LEAKY_SLOPE = 0.2f;
	private static final float BATCH_NORM_EPS = 1e-5f;

	private final NetworkConfig config;
	private final Map<String, float[]> tensors;
	private final Set<String> used = new HashSet<>();
	private final GraphProto.Builder graph = GraphProto.newBuilder();
	private int nodes;

	private GeneratorGraph(NetworkConfig config, Map<String, float[]> tensors) {
		this.config = config;
		this.tensors = tensors;
	}

	/**
	 * The ONNX model of a generator.
	 *
	 * @param tensors the generator's tensors by state_dict name (e.g. {@code encoder1.main.initial-conv-1-64.weight})
	 * @param producer what wrote the file, e.g. "GANomaly for Fiji 0.1.0"
	 * @throws IllegalArgumentException if a tensor is missing, has the wrong size, or is not part of the network
	 */
	public static ModelProto build(NetworkConfig config, Map<String, float[]> tensors, String producer) {
		GeneratorGraph g = new GeneratorGraph(config, tensors);
		int c = config.image().channels(), s = config.image().size(), nz = config.nz();
		g.graph.setName("ganomaly_generator");
		g.graph.addInput(g.value(INPUT, BATCH, c, s, s));
		String z = g.encoder("encoder1.main.", INPUT);
		String reconstruction = g.decoder("decoder.main.", z);
		String zHat = g.encoder("encoder2.main.", reconstruction);
		g.node("Identity", List.of(z), LATENT);
		g.node("Identity", List.of(zHat), RECONSTRUCTED_LATENT);
		g.node("Identity", List.of(reconstruction), RECONSTRUCTION);
		String diff = g.node("Sub", List.of(z, zHat), "latent_difference");
		String squared = g.node("Mul", List.of(diff, diff), "latent_difference_squared");
		g.node("ReduceMean", List.of(squared), LATENT_SCORE, ints("axes", 1, 2, 3), integer("keepdims", 0));
		String error = g.node("Sub", List.of(INPUT, reconstruction), "reconstruction_difference");
		String absolute = g.node("Abs", List.of(error), "reconstruction_error");
		g.node("ReduceMean", List.of(absolute), ANOMALY_MAP, ints("axes", 1), integer("keepdims", 1));
		g.graph.addOutput(g.value(LATENT, BATCH, nz, 1, 1));
		g.graph.addOutput(g.value(RECONSTRUCTED_LATENT, BATCH, nz, 1, 1));
		g.graph.addOutput(g.value(RECONSTRUCTION, BATCH, c, s, s));
		g.graph.addOutput(g.value(LATENT_SCORE, BATCH));
		g.graph.addOutput(g.value(ANOMALY_MAP, BATCH, 1, s, s));
		g.checkAllUsed();
		return ModelProto.newBuilder()
				.setIrVersion(7) // the IR version of opset 13 (ONNX 1.8)
				.setProducerName(producer)
				.setDomain("org.ganomaly.fiji")
				.setModelVersion(1)
				.setDocString("GANomaly generator (Akcay et al., ACCV 2018) exported by GANomaly for Fiji: input in "
						+ "[-1, 1]; latent_score = mean((z - z_hat)^2) per image.")
				.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
				.setGraph(g.graph)
				.build();
	}

	/** The reference encoder (see {@code core.nn.Encoder}): returns the name of its nz×1×1 output. */
	private String encoder(String prefix, String x) {
		int nc = config.image().channels();
		int width = config.nf();
		x = conv(prefix + "initial-conv-" + nc + "-" + width, x, nc, width, 4, 2, 1);
		x = leakyRelu(x);
		for (int t = 0; t < config.extraLayers(); t++) {
			String name = prefix + "extra-layers-" + t + "-" + width;
			x = conv(name + "-conv", x, width, width, 3, 1, 1);
			x = leakyRelu(batchNorm(name + "-batchnorm", x, width));
		}
		for (int size = config.image().size() / 2; size > 4; size /= 2) {
			int next = width * 2;
			x = conv(prefix + "pyramid-" + width + "-" + next + "-conv", x, width, next, 4, 2, 1);
			x = leakyRelu(batchNorm(prefix + "pyramid-" + next + "-batchnorm", x, next));
			width = next;
		}
		return conv(prefix + "final-" + width + "-1-conv", x, width, config.nz(), 4, 1, 0);
	}

	/** The reference decoder (see {@code core.nn.Decoder}): returns the name of its Tanh output. */
	private String decoder(String prefix, String z) {
		int isize = config.image().size();
		int nc = config.image().channels();
		int width = config.nf() / 2;
		for (int size = 4; size != isize; size *= 2) width *= 2;
		String x =
				convTranspose(prefix + "initial-" + config.nz() + "-" + width + "-convt", z, config.nz(), width, 1, 0);
		x = relu(batchNorm(prefix + "initial-" + width + "-batchnorm", x, width));
		for (int size = 4; size < isize / 2; size *= 2) {
			int next = width / 2;
			x = convTranspose(prefix + "pyramid-" + width + "-" + next + "-convt", x, width, next, 2, 1);
			x = relu(batchNorm(prefix + "pyramid-" + next + "-batchnorm", x, next));
			width = next;
		}
		for (int t = 0; t < config.extraLayers(); t++) {
			String name = prefix + "extra-layers-" + t + "-" + width;
			x = conv(name + "-conv", x, width, width, 3, 1, 1);
			x = relu(batchNorm(name + "-batchnorm", x, width));
		}
		x = convTranspose(prefix + "final-" + width + "-" + nc + "-convt", x, width, nc, 2, 1);
		return node("Tanh", List.of(x), prefix + "final-" + nc + "-tanh");
	}

	private String conv(String module, String x, int in, int out, int kernel, int stride, int padding) {
		String weight = initializer(module + ".weight", out, in, kernel, kernel);
		return node(
				"Conv",
				List.of(x, weight),
				module,
				ints("kernel_shape", kernel, kernel),
				ints("strides", stride, stride),
				ints("pads", padding, padding, padding, padding));
	}

	/** ConvTranspose with kernel 4; its weight [in, out, 4, 4] is PyTorch's layout and ONNX's. */
	private String convTranspose(String module, String x, int in, int out, int stride, int padding) {
		String weight = initializer(module + ".weight", in, out, 4, 4);
		return node(
				"ConvTranspose",
				List.of(x, weight),
				module,
				ints("kernel_shape", 4, 4),
				ints("strides", stride, stride),
				ints("pads", padding, padding, padding, padding));
	}

	private String batchNorm(String module, String x, int channels) {
		return node(
				"BatchNormalization",
				List.of(
						x,
						initializer(module + ".weight", channels),
						initializer(module + ".bias", channels),
						initializer(module + ".running_mean", channels),
						initializer(module + ".running_var", channels)),
				module,
				AttributeProto.newBuilder()
						.setName("epsilon")
						.setType(AttributeProto.AttributeType.FLOAT)
						.setF(BATCH_NORM_EPS)
						.build());
	}

	private String leakyRelu(String x) {
		return node(
				"LeakyRelu",
				List.of(x),
				x + "/leaky_relu",
				AttributeProto.newBuilder()
						.setName("alpha")
						.setType(AttributeProto.AttributeType.FLOAT)
						.setF(LEAKY_SLOPE)
						.build());
	}

	private String relu(String x) {
		return node("Relu", List.of(x), x + "/relu");
	}

	/** Adds a node with one output named {@code output}; returns that name. */
	private String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
		NodeProto.Builder node = NodeProto.newBuilder()
				.setOpType(op)
				.setName(op + "_" + nodes++)
				.addAllInput(inputs)
				.addOutput(output);
		for (AttributeProto a : attributes) node.addAttribute(a);
		graph.addNode(node);
		return output;
	}

	/** Adds the tensor {@code name} as a float initializer of the given shape; returns its name. */
	private String initializer(String name, long... shape) {
		float[] values = tensors.get(name);
		if (values == null) throw new IllegalArgumentException("The generator has no tensor '" + name + "'.");
		long length = 1;
		for (long d : shape) length *= d;
		if (values.length != length)
			throw new IllegalArgumentException("The generator's tensor '" + name + "' holds " + values.length
					+ " values; " + java.util.Arrays.toString(shape) + " needs " + length + ".");
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(values);
		TensorProto.Builder tensor = TensorProto.newBuilder()
				.setName(name)
				.setDataType(TensorProto.DataType.FLOAT.getNumber())
				.setRawData(ByteString.copyFrom(bytes.array()));
		for (long d : shape) tensor.addDims(d);
		graph.addInitializer(tensor);
		used.add(name);
		return name;
	}

	private void checkAllUsed() {
		Set<String> unused = new TreeSet<>(tensors.keySet());
		unused.removeAll(used);
		if (!unused.isEmpty())
			throw new IllegalArgumentException("The generator holds tensors this architecture does not use: " + unused
					+ ". The model's manifest does not describe its network.");
	}

	/** A float tensor value; a String dimension is symbolic (the batch), an Integer fixed. */
	private ValueInfoProto value(String name, Object... dims) {
		TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
		for (Object d : dims) {
			TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
			if (d instanceof String symbol) dim.setDimParam(symbol);
			else dim.setDimValue((Integer) d);
			shape.addDim(dim);
		}
		return ValueInfoProto.newBuilder()
				.setName(name)
				.setType(TypeProto.newBuilder()
						.setTensorType(TypeProto.Tensor.newBuilder()
								.setElemType(TensorProto.DataType.FLOAT.getNumber())
								.setShape(shape)))
				.build();
	}

	private static AttributeProto ints(String name, long... values) {
		AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
		for (long v : values) a.addInts(v);
		return a.build();
	}

	private static AttributeProto integer(String name, long value) {
		return AttributeProto.newBuilder()
				.setName(name)
				.setType(AttributeProto.AttributeType.INT)
				.setI(value)
				.build();
	}
}
