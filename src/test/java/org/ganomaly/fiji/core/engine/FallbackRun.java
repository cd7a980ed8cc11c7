package org.ganomaly.fiji.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * A JVM of its own (started by {@link ConvolutionFallbackTest}: switching oneDNN off is process-wide in libtorch)
 * whose CPU runtime is given a convolution check that reports, on top of what the real check finds, oneDNN as faulty for channel counts that padding would change ({@code unpadded-faulty}),
 * oneDNN as faulty whatever the padding ({@code onednn-faulty}), or every kernel ({@code all-faulty}): so the
 * switches to padded channels and to ATen's kernels, and the refusal, are exercised on any CPU. Prints what a
 * user would see, then trains a small nf-12 network twice.
 */
public final class FallbackRun {

	public static void main(String[] args) {
		String mode = args[0];
		ConvolutionKernels.Checker checker = (spec, device, reference) -> {
			ConvolutionCheck.Errors real = ConvolutionKernels.LIBTORCH.measure(spec, device, reference);
			boolean faulty = switch (mode) {
				case "all-faulty" -> true;
				case "onednn-faulty" -> TorchBackends.oneDnnEnabled();
				default ->
					TorchBackends.oneDnnEnabled()
							&& !ChannelPadding.ONEDNN_SAFE.apply(spec).equals(spec);
			};
			// a simulated fault: the forward pass off by half its largest value
			return faulty ? new ConvolutionCheck.Errors(spec, 0.5, real.inputGradient(), real.weightGradient()) : real;
		};
		DeviceRuntime cpu = null;
		try {
			cpu = DeviceRuntime.cpu(checker);
		} catch (IllegalStateException e) {
			System.out.println("error: " + e.getMessage());
			System.exit(3);
		}
		System.out.println("kernels: " + cpu.kernels().describe());
		System.out.println("oneDNN enabled: " + TorchBackends.oneDnnEnabled());
		InMemorySampleSet data = new SyntheticImages(16, 1).sampleSet(SyntheticImages.Kind.BLOBS, 32);
		for (int run = 0; run < 2; run++) System.out.println("losses: " + train(data, cpu));
	}

	private static List<Losses> train(InMemorySampleSet data, DeviceRuntime cpu) {
		TrainingConfig config = TrainingConfig.defaults().toBuilder()
				.batchSize(8)
				.epochs(1)
				.seed(5)
				.preciseBatchNormBatches(1)
				.build();
		List<Losses> losses = new ArrayList<>();
		try (GanomalyNetworks networks = GanomalyNetworks.initialized(
						new NetworkConfig(new ImageShape(1, 16), 16, 12, 0), cpu, config.seed());
				GanomalyTrainer trainer = new GanomalyTrainer(networks, config)) {
			trainer.train(data, null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					losses.add(report.losses());
				}
			});
		}
		return losses;
	}
}
