package org.ganomaly.fiji.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * Model file sizes, full (both networks, Adam's moments, the averaged weights) and scoring-only, for the default
 * network (nz 100, nf 64) at the given image shapes, after one training iteration with the default settings.
 * <p>
 * Usage: ModelSizes OUTPUT_FOLDER 32x1 64x1 64x3 128x3
 */
public final class ModelSizes {

	public static void main(String[] args) throws Exception {
		Path out = Files.createDirectories(Path.of(args[0]));
		System.out.println("| image | full file (MB) | scoring-only file (MB) | ratio |");
		System.out.println("|---|---|---|---|");
		for (int i = 1; i < args.length; i++) {
			String[] f = args[i].split("x");
			ImageShape shape = new ImageShape(Integer.parseInt(f[1]), Integer.parseInt(f[0]));
			TrainingConfig config = TrainingConfig.defaults().toBuilder()
					.batchSize(8)
					.epochs(1)
					.preciseBatchNormBatches(1)
					.build();
			InMemorySampleSet data = new SyntheticImages(shape.size(), 1).sampleSet(SyntheticImages.Kind.BLOBS, 8);
			try (GanomalyModel model = Training.run(
							new Training.Request(
									NetworkConfig.defaults(shape),
									config,
									DeviceRuntime.cpu(),
									channels(data, shape),
									null,
									Preprocessing.resizedBytes(shape),
									null),
							TrainingListener.NONE)
					.model()) {
				Path full = out.resolve(args[i] + "-full.ganomaly"), small = out.resolve(args[i] + "-scoring.ganomaly");
				ModelFile.save(model, full, true);
				ModelFile.save(model.forScoring(), small, true);
				double a = Files.size(full) / 1e6, b = Files.size(small) / 1e6;
				System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", shape, a, b, a / b);
				Files.delete(full);
				Files.delete(small);
			}
		}
	}

	/** Grey synthetic samples repeated into every channel of {@code shape}. */
	private static InMemorySampleSet channels(InMemorySampleSet grey, ImageShape shape) {
		if (shape.channels() == 1) return grey;
		int plane = shape.size() * shape.size();
		InMemorySampleSet out = new InMemorySampleSet(shape, grey.size());
		float[] one = new float[plane];
		for (int n = 0; n < grey.size(); n++) {
			grey.copyTo(n, one, 0);
			float[] sample = new float[shape.sampleLength()];
			for (int c = 0; c < shape.channels(); c++) System.arraycopy(one, 0, sample, c * plane, plane);
			out.add(sample);
		}
		return out;
	}
}
