package org.ganomaly.fiji.core.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganomaly.fiji.core.engine.ChannelPadding;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.ConvolutionSpec;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.nn.Forward;
import org.ganomaly.fiji.core.nn.NetD;
import org.ganomaly.fiji.core.nn.NetG;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.nn.Tensor;
import org.ganomaly.fiji.core.nn.WeightInit;

/**
 * The generator and discriminator of one model, living on one device, whose runtime they own. Close to free
 * their memory. Before they are handed out, every convolution they run is checked on that device
 * ({@link ConvolutionKernels}), and they keep the channel padding that check decided for every forward pass. A
 * scoring-only model has no discriminator: only the generator is built and checked.
 */
public final class GanomalyNetworks implements AutoCloseable {

	private final NetworkConfig config;
	private final DeviceRuntime runtime;
	private final NDManager manager;
	private final NetG netG;
	/** Null for a scoring-only model. */
	private final NetD netD;
	/** The padding the kernel check chose for these networks' convolutions, fixed for their life. */
	private final ChannelPadding padding;

	private GanomalyNetworks(NetworkConfig config, DeviceRuntime runtime, long seed, boolean withDiscriminator) {
		this.config = config;
		this.runtime = runtime;
		this.manager = newManager(runtime.device());
		try {
			this.netG = new NetG(manager, config);
			this.netD = withDiscriminator ? new NetD(manager, config) : null;
			initialize(seed);
			this.padding = runtime.kernels().verify(convolutions(ChannelPadding.NONE));
		} catch (RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/** New networks on {@code runtime}'s device, their initial weights drawn from {@code seed} as the reference draws them. */
	public static GanomalyNetworks initialized(NetworkConfig config, DeviceRuntime runtime, long seed) {
		return new GanomalyNetworks(config, runtime, seed, true);
	}

	/**
	 * Networks on {@code runtime}'s device holding saved weights: both networks' ({@link #snapshot()}), or with
	 * {@code generatorOnly} the generator's alone (a scoring-only model: no discriminator is built).
	 *
	 * @throws IllegalArgumentException if a tensor is missing or has the wrong size
	 */
	public static GanomalyNetworks restored(
			NetworkConfig config, DeviceRuntime runtime, Map<String, float[]> tensors, boolean generatorOnly) {
		GanomalyNetworks networks = new GanomalyNetworks(config, runtime, 0, !generatorOnly);
		try {
			restore(TensorKeys.GENERATOR, networks.netG.tensors(), tensors);
			if (!generatorOnly) restore(TensorKeys.DISCRIMINATOR, networks.netD.tensors(), tensors);
			return networks;
		} catch (RuntimeException e) {
			networks.close();
			throw e;
		}
	}

	/** Images per batch at which {@link #convolutions()} lists (and the kernel check runs) the convolutions. */
	private static final int CHECKED_BATCH = 2;

	/**
	 * Every distinct convolution of the networks as they run it (with their channel padding) on
	 * {@value #CHECKED_BATCH} images.
	 */
	public Set<ConvolutionSpec> convolutions() {
		return convolutions(padding);
	}

	private Set<ConvolutionSpec> convolutions(ChannelPadding channels) {
		Set<ConvolutionSpec> out = new LinkedHashSet<>();
		try (NDManager scratch = manager.newSubManager()) {
			Forward pass = Forward.listingConvolutions(scratch, channels, out::add);
			NDArray x = scratch.zeros(new Shape(
					CHECKED_BATCH,
					config.image().channels(),
					config.image().size(),
					config.image().size()));
			netG.forward(pass, x);
			if (netD != null) netD.forward(pass, x);
		}
		return out;
	}

	private static NDManager newManager(Device device) {
		Engines.pytorch();
		try {
			NDManager m = NDManager.newBaseManager(device, "PyTorch");
			m.zeros(new ai.djl.ndarray.types.Shape(1)).close(); // fail here, clearly, if the device is unusable
			return m;
		} catch (RuntimeException e) {
			throw new IllegalStateException(
					"Cannot use device " + device + ": " + e.getMessage()
							+ (device.isGpu()
									? ". A GPU needs DJL's CUDA build of libtorch and a working CUDA driver; "
											+ "choose device 'cpu' to run on the processor."
									: ""),
					e);
		}
	}

	/** Draws both networks' initial weights from one seeded stream (generator first, as the reference). */
	private void initialize(long seed) {
		WeightInit init = new WeightInit(seed);
		netG.initialize(init);
		if (netD != null) netD.initialize(init);
	}

	public NetworkConfig config() {
		return config;
	}

	public Device device() {
		return runtime.device();
	}

	/** The device these networks compute on, with its kernels and policies. */
	public DeviceRuntime runtime() {
		return runtime;
	}

	/** How the networks are best computed on their device. */
	public DeviceProfile profile() {
		return runtime.profile();
	}

	/** The channel padding every forward pass of these networks runs its convolutions with. */
	public ChannelPadding channelPadding() {
		return padding;
	}

	public NDManager manager() {
		return manager;
	}

	public NetG netG() {
		return netG;
	}

	/** @throws IllegalStateException for a scoring-only model, which has no discriminator */
	public NetD netD() {
		if (netD == null)
			throw new IllegalStateException("These networks are a scoring-only model's: they have no discriminator.");
		return netD;
	}

	/** Host copies of every tensor, named as in {@link TensorKeys}. */
	public Map<String, float[]> snapshot() {
		Map<String, float[]> out = generatorSnapshot();
		for (Tensor t : netD().tensors())
			out.put(TensorKeys.DISCRIMINATOR + t.name(), t.array().toFloatArray());
		return out;
	}

	/** Host copies of the generator's tensors, named as in {@link #snapshot()}. */
	public Map<String, float[]> generatorSnapshot() {
		Map<String, float[]> out = new LinkedHashMap<>();
		for (Tensor t : netG.tensors())
			out.put(TensorKeys.GENERATOR + t.name(), t.array().toFloatArray());
		return out;
	}

	/** Loads a {@link #snapshot()}; every tensor must be present with the right size. */
	public void restore(Map<String, float[]> values) {
		restore(TensorKeys.GENERATOR, netG.tensors(), values);
		restore(TensorKeys.DISCRIMINATOR, netD().tensors(), values);
	}

	private static void restore(String prefix, List<Tensor> tensors, Map<String, float[]> values) {
		for (Tensor t : tensors) {
			float[] v = values.get(prefix + t.name());
			if (v == null) throw new IllegalArgumentException("Tensor " + prefix + t.name() + " is missing.");
			if (v.length != t.array().size())
				throw new IllegalArgumentException("Tensor " + prefix + t.name() + " has " + v.length
						+ " values; the network needs " + t.array().size() + ".");
			t.array().set(v); // in place: optimizer state and references to the array stay valid
		}
	}

	@Override
	public void close() {
		manager.close();
	}
}
