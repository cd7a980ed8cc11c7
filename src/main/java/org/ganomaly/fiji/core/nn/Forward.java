package org.ganomaly.fiji.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.Consumer;
import org.ganomaly.fiji.core.engine.ChannelPadding;
import org.ganomaly.fiji.core.engine.ConvolutionSpec;

/**
 * How one forward pass runs: where temporaries live, which BatchNorm statistics to use, whether
 * parameters take part in autograd, and the channel padding the networks' device decided for their convolutions
 * (given by the networks, {@code GanomalyNetworks.channelPadding()}).
 * <p>
 * DJL attaches an op's result to the manager of its first operand, so an array derived from a parameter
 * (a transposed or detached weight) would land in the model's manager and leak on every step; layers therefore
 * reach their parameters through {@link #param}, whose aliases live in the pass's scratch manager, which the
 * caller closes after the step.
 */
public final class Forward {

	private final NDManager scratch;
	private final boolean batchStatistics;
	private final boolean detachParameters;
	private final float runningStatsMomentum;
	private final DataType precision;
	private final ChannelPadding channels;
	/** Told of every convolution the pass runs; null when nobody asks. */
	private final Consumer<ConvolutionSpec> convolutionLog;

	private Forward(
			NDManager scratch,
			boolean batchStatistics,
			boolean detachParameters,
			float runningStatsMomentum,
			DataType precision,
			ChannelPadding channels,
			Consumer<ConvolutionSpec> convolutionLog) {
		this.scratch = scratch;
		this.channels = channels;
		this.batchStatistics = batchStatistics;
		this.detachParameters = detachParameters;
		this.runningStatsMomentum = runningStatsMomentum;
		this.precision = precision;
		this.convolutionLog = convolutionLog;
	}

	private Forward(NDManager scratch, ChannelPadding channels, boolean batchStatistics, float runningStatsMomentum) {
		this(scratch, batchStatistics, false, runningStatsMomentum, DataType.FLOAT32, channels, null);
	}

	/** Training pass: batch statistics, running statistics updated with PyTorch's default momentum 0.1. */
	public static Forward training(NDManager scratch, ChannelPadding channels) {
		return new Forward(scratch, channels, true, BatchNorm2d.DEFAULT_MOMENTUM);
	}

	/** Inference pass with BatchNorm in eval mode (running statistics): a score never depends on batch-mates. */
	public static Forward inference(NDManager scratch, ChannelPadding channels) {
		return new Forward(scratch, channels, false, BatchNorm2d.DEFAULT_MOMENTUM);
	}

	/**
	 * Inference with batch statistics, as the reference test() does. Momentum 0 leaves the running statistics
	 * as they are: scoring never changes the model.
	 */
	public static Forward batchStatistics(NDManager scratch, ChannelPadding channels) {
		return new Forward(scratch, channels, true, 0f);
	}

	/**
	 * A pass whose batch statistics are folded into the running statistics with the given PyTorch-style
	 * momentum (1/k for the k-th batch gives the exact average over batches: "precise BatchNorm").
	 */
	public static Forward statisticsRefresh(NDManager scratch, ChannelPadding channels, float momentum) {
		return new Forward(scratch, channels, true, momentum);
	}

	/** An inference pass that reports the shape of every convolution it runs (padded) to {@code log}. */
	public static Forward listingConvolutions(
			NDManager scratch, ChannelPadding channels, Consumer<ConvolutionSpec> log) {
		return new Forward(scratch, false, false, BatchNorm2d.DEFAULT_MOMENTUM, DataType.FLOAT32, channels, log);
	}

	/** The same pass, but gradients stop at the parameters (they flow through to the input only). */
	public Forward detachedParameters() {
		return new Forward(scratch, batchStatistics, true, runningStatsMomentum, precision, channels, convolutionLog);
	}

	/**
	 * The same pass computing in {@code type} (float16 inference on a GPU): parameters are cast on
	 * the fly, the stored float32 weights stay as they are.
	 */
	public Forward withPrecision(DataType type) {
		return new Forward(
				scratch, batchStatistics, detachParameters, runningStatsMomentum, type, channels, convolutionLog);
	}

	public DataType precision() {
		return precision;
	}

	public boolean batchStatistics() {
		return batchStatistics;
	}

	public float runningStatsMomentum() {
		return runningStatsMomentum;
	}

	/**
	 * The parameter as this pass should see it: an alias owned by the scratch manager (detached from autograd
	 * when so asked), so that whatever is computed from it is freed with the step.
	 */
	public NDArray param(NDArray parameter) {
		NDArray alias = detachParameters ? parameter.stopGradient() : parameter.reshape(parameter.getShape());
		alias.attach(scratch);
		return precision == parameter.getDataType() ? alias : alias.toType(precision, false);
	}

	/**
	 * conv2d without bias of x [N, C, H, W] with a square weight [out, C, k, k], with the pass's channel padding:
	 * every convolution of the networks goes through here, so that {@link #listingConvolutions} sees them all, as
	 * they run.
	 */
	public NDArray convolve(NDArray x, NDArray weight, int stride, int padding) {
		if (convolutionLog != null) {
			Shape s = x.getShape(), w = weight.getShape();
			convolutionLog.accept(channels.apply(new ConvolutionSpec(
					(int) s.get(0),
					(int) s.get(1),
					(int) s.get(2),
					(int) s.get(3),
					(int) w.get(0),
					(int) w.get(2),
					stride,
					padding)));
		}
		return channels.convolve(x, weight, stride, padding, scratch);
	}
}
