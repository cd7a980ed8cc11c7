package org.ganomaly.fiji.bench;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.ScoringItem;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * Where the time goes, per libtorch operation: runs SpeedBench's training iterations or scoring batches under
 * libtorch's own profiler (through DJL's JNI) and writes its Chrome trace, which bench/profile_table.py sums per
 * operation, as it does the trace of bench/reference/profile_ref.py (torch.profiler) for the reference.
 * <p>
 * Usage: ProfileBench --config 32x1 --task train|infer --batch 64 --warmup 3 --iters 5 --trace out.json
 */
public final class ProfileBench {

	public static void main(String[] args) {
		SpeedBench.Args a = new SpeedBench.Args(args);
		ImageShape shape = SpeedBench.shape(a);
		int batch = a.getInt("batch", 64);
		int warmup = a.getInt("warmup", 3);
		int iters = a.getInt("iters", 5);
		String trace = Path.of(a.get("trace", "profile.json")).toAbsolutePath().toString();
		DeviceRuntime device = DeviceChoice.parse("cpu").open(System.err::println);
		try (GanomalyNetworks nets = GanomalyNetworks.initialized(NetworkConfig.defaults(shape), device, 0)) {
			if (a.get("task", "train").equals("train")) profileTraining(nets, shape, batch, warmup, iters, trace);
			else profileScoring(nets, shape, batch, warmup, iters, trace);
		}
		System.err.println("trace: " + trace);
	}

	private static void profileTraining(
			GanomalyNetworks nets, ImageShape shape, int batch, int warmup, int iters, String trace) {
		int steps = warmup + iters;
		try (GanomalyTrainer trainer = new GanomalyTrainer(nets, SpeedBench.timedTraining(batch))) {
			trainer.train(SpeedBench.trainingSamples(shape, steps * batch), null, new TrainingListener() {
				@Override
				public void iteration(Iteration report) {
					if (report.iteration() == warmup) JniUtils.startProfile(false, true, false);
					if (report.iteration() == steps) JniUtils.stopProfile(trace);
				}
			});
		}
	}

	private static void profileScoring(
			GanomalyNetworks nets, ImageShape shape, int batch, int warmup, int iters, String trace) {
		float[][] pool = new float[batch][];
		for (int i = 0; i < batch; i++) pool[i] = SpeedBench.random(shape.sampleLength(), 100 + i);
		BatchScorer scorer = new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, batch, false);
		scorer.score(ScoringItem.numbered(SpeedBench.cycle(pool, batch * warmup)), (i, item, s, r, m) -> {});
		JniUtils.startProfile(false, true, false);
		scorer.score(ScoringItem.numbered(SpeedBench.cycle(pool, batch * iters)), (i, item, s, r, m) -> {});
		JniUtils.stopProfile(trace);
	}
}
