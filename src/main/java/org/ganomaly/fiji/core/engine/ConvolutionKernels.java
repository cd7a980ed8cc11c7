package org.ganomaly.fiji.core.engine;

import ai.djl.Device;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which kernels compute the networks' convolutions, and the check that they compute them correctly on this
 * machine before anything trains or scores.
 * <p>
 * On the CPU, libtorch runs convolutions on oneDNN's JIT kernels. On an AMD EPYC (Zen 5, family 26) those gave
 * wrong results, at random NaN, for channel counts that do not fit their blocking: the forward pass over 24
 * input channels, the input gradient of convolutions with 1, 8, 12 or 100 filters or with 48 input channels
 * (bench/RESULTS.md). So, once per JVM:
 * <ul>
 * <li>at engine start, a probe set of such shapes is checked against the definition summed in double precision;
 * <li>when networks are built, each of their convolutions (exact shapes, one and two images) is checked against
 * libtorch's float64 convolution, which never runs on oneDNN.
 * </ul>
 * If oneDNN fails, the convolutions are run with their channels padded with zeros to counts oneDNN handles
 * ({@link ChannelPadding#ONEDNN_SAFE}), and everything is checked again that way; if that fails too, oneDNN is
 * switched off for the rest of the JVM and libtorch's own (ATen) kernels are checked and used; if they fail,
 * nothing runs. NNPACK, which libtorch would pick for some inference batches of 16 images or more only, is
 * always off, so that what is checked is what runs.
 * <p>
 * The system property {@value #PROPERTY} overrides this: {@code aten} always uses ATen's kernels (checked),
 * {@code onednn-unchecked} keeps oneDNN, unpadded, without any check (for benchmarks and diagnosis only).
 */
public final class ConvolutionKernels {

	public static final String PROPERTY = "ganomaly.convolutions";

	/** Shapes that exercise channel tails at the 16- and 8-float blocks, as GANomaly's layers have them. */
	static final List<ConvolutionSpec> PROBES = List.of(
			new ConvolutionSpec(8, 1, 16, 16, 8, 4, 2, 1), new ConvolutionSpec(8, 1, 16, 16, 12, 4, 2, 1),
			new ConvolutionSpec(8, 3, 16, 16, 12, 4, 2, 1), new ConvolutionSpec(8, 12, 8, 8, 24, 4, 2, 1),
			new ConvolutionSpec(8, 24, 8, 8, 48, 4, 2, 1), new ConvolutionSpec(8, 48, 8, 8, 96, 4, 2, 1),
			new ConvolutionSpec(8, 16, 8, 8, 32, 4, 2, 1), new ConvolutionSpec(8, 24, 4, 4, 16, 4, 1, 0),
			new ConvolutionSpec(8, 64, 4, 4, 20, 4, 1, 0), new ConvolutionSpec(8, 32, 4, 4, 1, 4, 1, 0),
			new ConvolutionSpec(8, 12, 8, 8, 12, 3, 1, 1), new ConvolutionSpec(8, 24, 5, 5, 12, 2, 1, 0));

	private enum Mode {
		AUTO,
		ATEN,
		ONEDNN_UNCHECKED;

		static Mode of(String text) {
			for (Mode m : values()) if (m.name().replace('_', '-').equalsIgnoreCase(text.trim())) return m;
			throw new IllegalArgumentException("System property " + PROPERTY + " must be auto, aten or "
					+ "onednn-unchecked, not '" + text + "'.");
		}
	}

	/** How one convolution is checked: by {@link ConvolutionCheck}, or a stand-in in tests. */
	interface Checker {
		Optional<ConvolutionCheck.Mismatch> check(
				ConvolutionSpec spec, Device device, ConvolutionCheck.Reference reference);
	}

	private static Checker checker =
			(spec, device, reference) -> ConvolutionCheck.run(spec, device, spec.hashCode(), reference);
	private static Mode mode;
	/** Read by every convolution ({@link #channelPadding()}), so volatile rather than under the lock. */
	private static volatile ChannelPadding padding = ChannelPadding.NONE;
	/** Checked convolutions ("device|spec") under the kernels and padding in use now. */
	private static final Set<String> verified = new HashSet<>();
	/** The networks' CPU convolutions checked so far (probes aside), to check again after a switch. */
	private static final Set<ConvolutionSpec> networkSpecs = new LinkedHashSet<>();
	/** Why unpadded oneDNN was given up; null while it is in use (or when {@link #PROPERTY} chose). */
	private static String fallbackReason;

	private ConvolutionKernels() {}

	/** For tests that simulate faulty kernels: must be called before the engine starts. */
	static synchronized void useChecker(Checker standIn) {
		checker = standIn;
	}

	/** Called once, when the engine starts: applies {@link #PROPERTY} and checks the probe set on the CPU. */
	static synchronized void startUp() {
		mode = Mode.of(System.getProperty(PROPERTY, "auto"));
		if (mode == Mode.ONEDNN_UNCHECKED) return;
		TorchBackends.disableNnpack();
		if (mode == Mode.ATEN) TorchBackends.useAtenKernels();
		Optional<ConvolutionCheck.Mismatch> wrong =
				firstFailure(PROBES, Device.cpu(), ConvolutionCheck.Reference.DEFINITION);
		if (wrong.isPresent()) fallBack(wrong.get());
	}

	/** The padding every convolution applies ({@link ChannelPadding#NONE} unless oneDNN needed it). */
	public static ChannelPadding channelPadding() {
		return padding;
	}

	/**
	 * Checks each convolution, on one image and as given, on {@code device} unless already checked under the
	 * kernels in use. On the CPU a failure of oneDNN moves on to padded channels, then to ATen's kernels,
	 * checking again each time; a failure that remains is an {@link IllegalStateException}.
	 */
	public static void verify(Collection<ConvolutionSpec> specs, Device device) {
		Engines.pytorch(); // starts the engine, and with it the probe check, first (outside this class's lock)
		Set<ConvolutionSpec> all = new LinkedHashSet<>();
		for (ConvolutionSpec spec : specs) {
			all.add(spec.withBatch(1)); // libtorch picks other kernels for a single image
			all.add(spec);
		}
		verifyStarted(all, device);
	}

	private static synchronized void verifyStarted(Set<ConvolutionSpec> specs, Device device) {
		if (mode == Mode.ONEDNN_UNCHECKED) return;
		if (!device.isGpu()) networkSpecs.addAll(specs);
		Optional<ConvolutionCheck.Mismatch> wrong =
				firstFailure(padded(specs), device, ConvolutionCheck.Reference.FLOAT64);
		if (wrong.isEmpty()) return;
		if (device.isGpu())
			throw new IllegalStateException("The GPU computes convolutions wrongly here: " + wrong.get()
					+ ". Update the GPU driver, or choose device 'cpu'.");
		fallBack(wrong.get());
	}

	/**
	 * After a failure on the CPU: padded oneDNN, else ATen's kernels, each checked on everything checked so far;
	 * an error when nothing is left.
	 */
	private static void fallBack(ConvolutionCheck.Mismatch wrong) {
		if (!TorchBackends.oneDnnEnabled()) throw noCorrectKernels(wrong);
		if (fallbackReason == null) fallbackReason = wrong.toString();
		if (padding.none()) {
			padding = ChannelPadding.ONEDNN_SAFE;
			if (recheck().isEmpty()) return;
		}
		padding = ChannelPadding.NONE;
		TorchBackends.useAtenKernels();
		recheck().ifPresent(still -> {
			throw noCorrectKernels(still);
		});
	}

	/** Checks the probes and every network convolution seen so far again, under the current kernels and padding. */
	private static Optional<ConvolutionCheck.Mismatch> recheck() {
		verified.clear();
		Optional<ConvolutionCheck.Mismatch> wrong =
				firstFailure(padded(PROBES), Device.cpu(), ConvolutionCheck.Reference.DEFINITION);
		return wrong.isPresent()
				? wrong
				: firstFailure(padded(networkSpecs), Device.cpu(), ConvolutionCheck.Reference.FLOAT64);
	}

	/** The convolutions that run in place of {@code specs} (padding is idempotent: listed ones may be padded). */
	private static Set<ConvolutionSpec> padded(Collection<ConvolutionSpec> specs) {
		Set<ConvolutionSpec> out = new LinkedHashSet<>();
		for (ConvolutionSpec spec : specs) out.add(padding.apply(spec));
		return out;
	}

	private static Optional<ConvolutionCheck.Mismatch> firstFailure(
			Collection<ConvolutionSpec> specs, Device device, ConvolutionCheck.Reference reference) {
		for (ConvolutionSpec spec : specs) {
			String key = device + "|" + spec;
			if (verified.contains(key)) continue;
			Optional<ConvolutionCheck.Mismatch> wrong = checker.check(spec, device, reference);
			if (wrong.isPresent()) return wrong;
			verified.add(key);
		}
		return Optional.empty();
	}

	private static IllegalStateException noCorrectKernels(ConvolutionCheck.Mismatch wrong) {
		return new IllegalStateException(String.format(
				Locale.ROOT,
				"libtorch computes convolutions wrongly on this "
						+ "CPU (%s), with oneDNN (also with padded channels) and with its own kernels: %s. Nothing can be "
						+ "trained or scored correctly here; please report this with the CPU model.",
				Processor.describe(),
				wrong));
	}

	/** Which kernels compute convolutions on the CPU, and why: for the log line next to the device. */
	public static String describe() {
		Engines.pytorch();
		synchronized (ConvolutionKernels.class) {
			return switch (mode) {
				case ONEDNN_UNCHECKED -> "oneDNN, unchecked (" + PROPERTY + "=onednn-unchecked)";
				case ATEN -> "PyTorch's own kernels (" + PROPERTY + "=aten), checked";
				case AUTO ->
					fallbackReason == null
							? "oneDNN, checked"
							: (padding.none()
											? "PyTorch's own kernels, checked; oneDNN is off"
											: "oneDNN with " + padding + ", checked; unpadded, oneDNN is not used")
									+ " because it computed wrongly on this CPU (" + Processor.describe() + "): "
									+ fallbackReason;
			};
		}
	}

	/** A short name of the kernels in use: onednn, onednn (padded), aten (fallback), aten (forced), onednn-unchecked. */
	public static String label() {
		Engines.pytorch();
		synchronized (ConvolutionKernels.class) {
			return switch (mode) {
				case ONEDNN_UNCHECKED -> "onednn-unchecked";
				case ATEN -> "aten (forced)";
				case AUTO -> fallbackReason == null ? "onednn" : padding.none() ? "aten (fallback)" : "onednn (padded)";
			};
		}
	}
}
