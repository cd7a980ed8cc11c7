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
 * Which kernels compute the convolutions on one device, and the check that they compute them correctly there
 * before anything trains or scores. Each device runtime holds its own; nothing here is shared between them but
 * libtorch's process-wide switches ({@link TorchBackends}).
 * <p>
 * On the CPU, libtorch runs convolutions on oneDNN's JIT kernels. On an AMD EPYC (Zen 5, family 26) those gave
 * wrong results, at random NaN, for channel counts that do not fit their blocking: the forward pass over 24
 * input channels, the input gradient of convolutions with 1, 8, 12 or 100 filters or with 48 input channels
 * (bench/RESULTS.md). So:
 * <ul>
 * <li>when the CPU's kernels are made, a probe set of such shapes is checked against the definition summed in
 * double precision;
 * <li>when networks are built, each of their convolutions (exact shapes, one and two images) is checked against
 * libtorch's float64 convolution, which never runs on oneDNN.
 * </ul>
 * If oneDNN fails, the convolutions are run with their channels padded with zeros to counts oneDNN handles
 * ({@link ChannelPadding#ONEDNN_SAFE}), and everything is checked again that way; if that fails too, oneDNN is
 * switched off (in libtorch, for the whole process) and libtorch's own (ATen) kernels are checked and used; if
 * they fail, nothing runs. NNPACK, which libtorch would pick for some inference batches of 16 images or more
 * only, is always off, so that what is checked is what runs. The networks take the padding decided when they are
 * built ({@link #verify}) and keep it: a later decision for other networks never changes it under them.
 * <p>
 * On a GPU the same probes and network convolutions are checked against the same references, within the
 * tolerance of the precision the GPU computes float32 in (float32, or TF32 when it is allowed); a failure is an
 * error, with no fall-back on that device.
 * <p>
 * The system property {@value #PROPERTY} overrides this: {@code aten} always uses ATen's kernels on the CPU
 * (checked), {@code onednn-unchecked} keeps oneDNN, unpadded, and checks nothing on any device (for benchmarks and
 * diagnosis only).
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

	/** How one convolution is measured on a device: {@link #LIBTORCH}, or a stand-in that simulates faulty kernels. */
	public interface Checker {
		ConvolutionCheck.Errors measure(ConvolutionSpec spec, Device device, ConvolutionCheck.Reference reference);
	}

	/** libtorch's float32 convolution against the reference, on inputs drawn from the shape's hash. */
	public static final Checker LIBTORCH =
			(spec, device, reference) -> ConvolutionCheck.measure(spec, device, spec.hashCode(), reference);

	private final Device device;
	private final Mode mode;
	private final Checker checker;
	/** Largest accepted error, relative to the largest reference value: follows the precision in use. */
	private final double tolerance;
	/** How the device computes float32, for the log: "float32", "TF32 allowed"... */
	private final String precision;

	private ChannelPadding padding = ChannelPadding.NONE;
	/** Convolutions checked under the kernels and padding in use now. */
	private final Set<ConvolutionSpec> verified = new HashSet<>();
	/** The networks' CPU convolutions checked so far (probes aside), to check again after a switch. */
	private final Set<ConvolutionSpec> networkSpecs = new LinkedHashSet<>();
	/** Why unpadded oneDNN was given up; null while it is in use (or when {@link #PROPERTY} chose). */
	private String fallbackReason;
	/** The largest error of any passed check, for the log. */
	private double worstError;

	private ConvolutionKernels(Device device, Checker checker, double tolerance, String precision) {
		this.device = device;
		this.mode = Mode.of(System.getProperty(PROPERTY, "auto"));
		this.checker = checker;
		this.tolerance = tolerance;
		this.precision = precision;
	}

	/**
	 * The CPU's kernels: applies {@link #PROPERTY} and checks the probe set, falling back as the class comment
	 * says.
	 *
	 * @throws IllegalStateException if no kernels compute the probes correctly
	 */
	public static ConvolutionKernels cpu(Checker checker) {
		Engines.pytorch();
		ConvolutionKernels kernels =
				new ConvolutionKernels(Device.cpu(), checker, ConvolutionCheck.FLOAT32_TOLERANCE, "float32");
		synchronized (kernels) {
			if (kernels.mode == Mode.ONEDNN_UNCHECKED) return kernels;
			TorchBackends.disableNnpack();
			if (kernels.mode == Mode.ATEN) TorchBackends.useAtenKernels();
			kernels.firstFailure(PROBES, ConvolutionCheck.Reference.DEFINITION).ifPresent(kernels::fallBack);
		}
		return kernels;
	}

	/**
	 * A GPU's kernels. TF32 is allowed or not, as asked, through libtorch's context (for the whole process); the
	 * probe set is then checked within the tolerance of the precision actually in use.
	 *
	 * @throws IllegalStateException if the device cannot be used, or computes a probe wrongly
	 */
	public static ConvolutionKernels gpu(Device device, Checker checker, boolean allowTf32) {
		Engines.pytorch();
		String precision;
		double tolerance;
		try {
			TorchBackends.allowTf32(allowTf32);
			boolean tf32 = TorchBackends.tf32Allowed();
			precision = tf32 ? "float32 with TF32 allowed" : "float32, TF32 off";
			tolerance = tf32 ? ConvolutionCheck.TF32_TOLERANCE : ConvolutionCheck.FLOAT32_TOLERANCE;
		} catch (IllegalStateException e) { // a libtorch without these setters: TF32 may be on
			precision = "float32, TF32 unknown (" + e.getMessage() + ")";
			tolerance = ConvolutionCheck.TF32_TOLERANCE;
		}
		ConvolutionKernels kernels = new ConvolutionKernels(device, checker, tolerance, precision);
		synchronized (kernels) {
			if (kernels.mode == Mode.ONEDNN_UNCHECKED) return kernels;
			Optional<ConvolutionCheck.Mismatch> wrong;
			try {
				wrong = kernels.firstFailure(PROBES, ConvolutionCheck.Reference.DEFINITION);
			} catch (RuntimeException e) { // DJL's or libtorch's: no CUDA build, no driver, no such GPU...
				throw new IllegalStateException(
						"Cannot use device " + device + ": " + firstSentence(e)
								+ ". A GPU needs a CUDA build of libtorch and a working CUDA driver; choose device 'cpu' to "
								+ "run on the processor.",
						e);
			}
			if (wrong.isPresent()) throw kernels.wrongOnGpu(wrong.get());
		}
		return kernels;
	}

	/** libtorch's messages run on with a list of backends and a C++ trace: their first sentence says it. */
	private static String firstSentence(RuntimeException e) {
		String message = String.valueOf(e.getMessage());
		String first = message.lines().findFirst().orElse(message).trim();
		int end = first.indexOf(". ");
		return (end > 0 ? first.substring(0, end) : first).replaceAll("\\.$", "");
	}

	/** The largest accepted error, relative to the largest reference value. */
	public double tolerance() {
		return tolerance;
	}

	public Device device() {
		return device;
	}

	/** The padding networks built now would run with ({@link ChannelPadding#NONE} unless oneDNN needed it). */
	public synchronized ChannelPadding channelPadding() {
		return padding;
	}

	/**
	 * Checks each convolution, on one image and as given, unless already checked under the kernels in use, and
	 * returns the padding the networks that run them must use. On the CPU a failure of oneDNN moves on to padded
	 * channels, then to ATen's kernels, checking again each time; a failure that remains is an
	 * {@link IllegalStateException}.
	 */
	public synchronized ChannelPadding verify(Collection<ConvolutionSpec> specs) {
		if (mode == Mode.ONEDNN_UNCHECKED) return padding;
		Set<ConvolutionSpec> all = new LinkedHashSet<>();
		for (ConvolutionSpec spec : specs) {
			all.add(spec.withBatch(1)); // libtorch picks other kernels for a single image
			all.add(spec);
		}
		if (!device.isGpu()) networkSpecs.addAll(all);
		Optional<ConvolutionCheck.Mismatch> wrong = firstFailure(padded(all), ConvolutionCheck.Reference.FLOAT64);
		if (wrong.isPresent()) {
			if (device.isGpu()) throw wrongOnGpu(wrong.get());
			fallBack(wrong.get());
		}
		return padding;
	}

	private IllegalStateException wrongOnGpu(ConvolutionCheck.Mismatch wrong) {
		return new IllegalStateException("The GPU " + device + " computes convolutions wrongly here (" + precision
				+ ", tolerance " + String.format(Locale.ROOT, "%.0e", tolerance) + "): " + wrong
				+ ". Update the GPU driver, or choose device 'cpu'.");
	}

	/**
	 * After a failure on the CPU: padded oneDNN, else ATen's kernels, each checked on everything checked so far;
	 * an error when nothing is left.
	 */
	private void fallBack(ConvolutionCheck.Mismatch wrong) {
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
	private Optional<ConvolutionCheck.Mismatch> recheck() {
		verified.clear();
		Optional<ConvolutionCheck.Mismatch> wrong = firstFailure(padded(PROBES), ConvolutionCheck.Reference.DEFINITION);
		return wrong.isPresent() ? wrong : firstFailure(padded(networkSpecs), ConvolutionCheck.Reference.FLOAT64);
	}

	/** The convolutions that run in place of {@code specs} (padding is idempotent: listed ones may be padded). */
	private Set<ConvolutionSpec> padded(Collection<ConvolutionSpec> specs) {
		Set<ConvolutionSpec> out = new LinkedHashSet<>();
		for (ConvolutionSpec spec : specs) out.add(padding.apply(spec));
		return out;
	}

	private Optional<ConvolutionCheck.Mismatch> firstFailure(
			Collection<ConvolutionSpec> specs, ConvolutionCheck.Reference reference) {
		for (ConvolutionSpec spec : specs) {
			if (verified.contains(spec)) continue;
			ConvolutionCheck.Errors errors = checker.measure(spec, device, reference);
			Optional<ConvolutionCheck.Mismatch> wrong = errors.mismatch(tolerance);
			if (wrong.isPresent()) return wrong;
			worstError = Math.max(worstError, errors.worst());
			verified.add(spec);
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

	/** Which kernels compute convolutions on this device, and why: for the log line next to the device. */
	public synchronized String describe() {
		if (mode == Mode.ONEDNN_UNCHECKED)
			return (device.isGpu() ? "libtorch's CUDA kernels, " + precision : "oneDNN") + ", unchecked (" + PROPERTY
					+ "=onednn-unchecked)";
		String checked = String.format(
				Locale.ROOT,
				", checked (%d convolutions, worst error %.1e, tolerance %.0e)",
				verified.size(),
				worstError,
				tolerance);
		if (device.isGpu()) return "libtorch's CUDA kernels, " + precision + checked;
		if (mode == Mode.ATEN) return "PyTorch's own kernels (" + PROPERTY + "=aten)" + checked;
		return fallbackReason == null
				? "oneDNN" + checked
				: (padding.none()
								? "PyTorch's own kernels" + checked + "; oneDNN is off"
								: "oneDNN with " + padding + checked + "; unpadded, oneDNN is not used")
						+ " because it computed wrongly on this CPU (" + Processor.describe() + "): " + fallbackReason;
	}

	/**
	 * A short name of the kernels in use: onednn, onednn (padded), aten (fallback), aten (forced), onednn-unchecked,
	 * cuda (float32 or TF32 as allowed).
	 */
	public synchronized String label() {
		if (mode == Mode.ONEDNN_UNCHECKED) return "onednn-unchecked";
		if (device.isGpu()) return "cuda (" + precision + ")";
		if (mode == Mode.ATEN) return "aten (forced)";
		return fallbackReason == null ? "onednn" : padding.none() ? "aten (fallback)" : "onednn (padded)";
	}
}
