package org.ganomaly.fiji.bench;

import ai.djl.Device;
import org.ganomaly.fiji.core.engine.ConvolutionCheck;
import org.ganomaly.fiji.core.engine.ConvolutionKernels;
import org.ganomaly.fiji.core.engine.ConvolutionSpec;

/**
 * Which channel counts a kernel set gets wrong: for one convolution kind (kernel, stride, padding, input size),
 * sweeps the input channels at a fixed filter count and the filter counts at fixed input channels, 8 images,
 * against libtorch's float64 convolution, and prints the counts whose forward (f), input gradient (d) or weight
 * gradient (w) is off by more than 1e-4 of its largest value. Run it with -Dganomaly.convolutions=onednn-unchecked
 * to see oneDNN's own pattern.
 * <p>
 * Usage: ChannelSweep --kernel 4 --stride 2 --padding 1 --size 8 --filters 64 --inputs 16,32,48,64,128
 */
public final class ChannelSweep {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int k = a.getInt("kernel", 4), s = a.getInt("stride", 2), p = a.getInt("padding", 1), h = a.getInt("size", 8);
		int filters = a.getInt("filters", 64);
		System.out.println(
				"# " + ConvolutionKernels.cpu(ConvolutionKernels.LIBTORCH).describe());
		StringBuilder line = new StringBuilder("kernel " + k + " stride " + s + " padding " + p + ", " + h + "x" + h
				+ ", " + filters + " filters; wrong for input channels:");
		for (int in = 1; in <= 260; in += in < 16 ? 1 : 4)
			line.append(verdict(new ConvolutionSpec(8, in, h, h, filters, k, s, p), in));
		System.out.println(line);
		for (String inputs : a.get("inputs", "16,32,48,64,128").split(",")) {
			int in = Integer.parseInt(inputs.trim());
			line = new StringBuilder(in + " input channels; wrong for filter counts:");
			for (int out = 1; out <= 256; out += out < 16 ? 1 : 4)
				line.append(verdict(new ConvolutionSpec(8, in, h, h, out, k, s, p), out));
			System.out.println(line);
		}
	}

	private static String verdict(ConvolutionSpec spec, int count) {
		ConvolutionCheck.Errors e = ConvolutionCheck.measure(spec, Device.cpu(), 1, ConvolutionCheck.Reference.FLOAT64);
		String wrong = (e.forward() <= 1e-4 ? "" : "f")
				+ (e.inputGradient() <= 1e-4 ? "" : "d")
				+ (e.weightGradient() <= 1e-4 ? "" : "w");
		return wrong.isEmpty() ? "" : " " + count + wrong;
	}
}
