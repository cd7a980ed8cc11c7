package org.ganomaly.fiji.bench;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingDivergedException;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * One seeded training run (bench/repeat.sh starts several JVMs of it): prints the kernels in use, whether every
 * loss was finite (a run that diverges stops there, as the plugin's training does), and SHA-256 digests of all
 * iteration losses and of the final weights, so that runs in separate JVMs can be compared bit for bit.
 * <p>
 * Usage: TrainingRepeatability --size 16 --nz 16 --nf 8 --batch 8 --images 64 --epochs 2
 */
public final class TrainingRepeatability {

	public static void main(String[] args) throws NoSuchAlgorithmException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		int size = a.getInt("size", 16), nz = a.getInt("nz", 16), nf = a.getInt("nf", 8);
		TrainingConfig config = TrainingConfig.defaults().toBuilder()
				.batchSize(a.getInt("batch", 8))
				.epochs(a.getInt("epochs", 2))
				.seed(7)
				.preciseBatchNormBatches(2)
				.build();
		InMemorySampleSet data =
				new SyntheticImages(size, 3).sampleSet(SyntheticImages.Kind.BLOBS, a.getInt("images", 64));
		List<Losses> losses = new ArrayList<>();
		Map<String, float[]> weights;
		String diverged = null;
		DeviceRuntime cpu = DeviceRuntime.cpu();
		try (GanomalyModel model = Training.run(
						new Training.Request(
								new NetworkConfig(new ImageShape(1, size), nz, nf, 0),
								config,
								cpu,
								data,
								null,
								Preprocessing.resizedBytes(new ImageShape(1, size)),
								null),
						new TrainingListener() {
							@Override
							public void iteration(Iteration report) {
								losses.add(report.losses());
							}
						})
				.model()) {
			weights = model.networks().snapshot();
		} catch (TrainingDivergedException e) {
			diverged = e.getMessage();
			weights = Map.of();
		}
		MessageDigest lossDigest = MessageDigest.getInstance("SHA-256");
		for (Losses l : losses)
			for (double v :
					new double[] {l.generator(), l.adversarial(), l.contextual(), l.encoder(), l.discriminator()})
				lossDigest.update(ByteBuffer.allocate(8).putDouble(v).array());
		MessageDigest weightDigest = MessageDigest.getInstance("SHA-256");
		weights.forEach((name, values) -> {
			ByteBuffer b = ByteBuffer.allocate(4 * values.length);
			b.asFloatBuffer().put(values);
			weightDigest.update(b.array());
		});
		Losses last = losses.isEmpty() ? new Losses(Double.NaN, 0, 0, 0, Double.NaN) : losses.get(losses.size() - 1);
		System.out.printf(
				Locale.ROOT,
				"{\"nf\": %d, \"size\": %d, \"nz\": %d, \"threads\": \"%s\", \"kernels\": \"%s\", "
						+ "\"iterations\": %d, \"finite\": %b, \"diverged\": %s, \"last_errG\": %.9g, \"last_errD\": %.9g, "
						+ "\"losses_sha256\": \"%s\", \"weights_sha256\": \"%s\"}%n",
				nf,
				size,
				nz,
				System.getProperty("ai.djl.pytorch.num_threads", "default"),
				cpu.kernels().label(),
				losses.size(),
				diverged == null && losses.stream().allMatch(Losses::finite),
				diverged != null,
				last.generator(),
				last.discriminator(),
				HexFormat.of().formatHex(lossDigest.digest()).substring(0, 16),
				HexFormat.of().formatHex(weightDigest.digest()).substring(0, 16));
	}
}
