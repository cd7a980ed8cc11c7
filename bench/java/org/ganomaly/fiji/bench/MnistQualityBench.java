package org.ganomaly.fiji.bench;

import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.Permutations;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.SampleSubset;
import org.ganomaly.fiji.core.data.SyntheticAnomalies;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.core.job.Training;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.SampleScore;
import org.ganomaly.fiji.core.train.EpochSelection;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The Java side of the MNIST quality benchmark (bench/mnist.sh runs it next to bench/reference/quality_ref.py on
 * the same split files). Trains the plugin's engine on a split's training images, minus a seeded validation
 * part, and keeps the epoch its selection rule picks from those normal images only: the model never sees a test
 * label. Then scores the test set with BatchNorm in eval mode: the honest AUC.
 * <p>
 * For diagnostics only (never used for selection), the test set is also scored after every epoch: eval mode
 * (running statistics, after the precise-BN refresh if enabled) and the reference's batch statistics (batches of
 * 64 in a seeded random order; BatchNorm running statistics are restored afterwards so no test image reaches
 * them). The validation normals' mean scores are recorded too, so other selection rules can be judged later.
 * <p>
 * Usage: MnistQualityBench --split FILE [--idx-dir bench/data/mnist] [--epochs 15] [--seed 0]
 * [--validation-fraction 0.1] [--selection best|proxy|last] [--fp16 false] [--precise-bn-batches 200] [--average-half-life EPOCHS] [--batchstat true]
 * [--score-batch 64] [--eval-batch 256] [--device cpu] [--out FILE.json]
 */
public final class MnistQualityBench {

	private static final int SIZE = 32;

	/** Names of the score components in the JSON, by the index {@link #auc} takes. */
	private static final String[] COMPONENTS = {"latent", "latent_l1", "reconstruction"};

	public static void main(String[] args) throws IOException {
		SpeedBench.Args a = new SpeedBench.Args(args);
		String splitArg = a.get("split", null);
		if (splitArg == null) throw new IllegalArgumentException("--split is required");
		Path idxDir = Path.of(a.get("idx-dir", "bench/data/mnist"));
		int epochs = a.getInt("epochs", 15);
		long seed = a.getInt("seed", 0);
		double validationFraction = Double.parseDouble(a.get("validation-fraction", "0.1"));
		String selectionName = a.get("selection", EpochSelection.MIN_VALIDATION_SCORE.word());
		EpochSelection selection = EpochSelection.of(selectionName);
		int preciseBn = a.getInt("precise-bn-batches", TrainingConfig.defaults().preciseBatchNormBatches());
		double averagingHalfLife = Double.parseDouble(a.get(
				"average-half-life", Double.toString(TrainingConfig.defaults().averagingHalfLife())));
		double learningRate = Double.parseDouble(
				a.get("learning-rate", Double.toString(TrainingConfig.defaults().learningRate())));
		double[] lossWeights = lossWeights(a.get("loss-weights", null));
		boolean batchStat = Boolean.parseBoolean(a.get("batchstat", "true"));
		boolean fp16 = Boolean.parseBoolean(a.get("fp16", "false"));
		int scoreBatch = a.getInt("score-batch", 64);
		int evalBatch = a.getInt("eval-batch", 256);
		DeviceRuntime device = DeviceChoice.parse(a.get("device", "cpu")).open(System.err::println);
		String out = a.get("out", null);
		String loadStart = loadAverage();

		long t0 = System.nanoTime();
		IdxFiles.MnistLikeSet set = IdxFiles.load(idxDir);
		SplitFile split = SplitFile.read(Path.of(splitArg));
		split.checkAgainst(set);
		InMemorySampleSet all = MnistPreprocessing.sampleSet(set, split.train(), SIZE);
		InMemorySampleSet test = MnistPreprocessing.sampleSet(set, split.test(), SIZE);
		boolean[] abnormal = split.testAbnormal();
		ValidationSplit vs = ValidationSplit.of(all, validationFraction, seed);
		// the trainer's own damaged copies (same call, same seed), scored here with every score component
		SampleSet damaged = vs.validation() == null ? null : SyntheticAnomalies.of(vs.validation(), seed);
		double loadSeconds = (System.nanoTime() - t0) / 1e9;

		TrainingConfig config = TrainingConfig.defaults().toBuilder()
				.epochs(epochs)
				.seed(seed)
				.selection(selection)
				.averagingHalfLife(averagingHalfLife)
				.preciseBatchNormBatches(preciseBn)
				.learningRate(learningRate)
				.lossWeights(lossWeights[0], lossWeights[1], lossWeights[2])
				.build();
		ImageShape shape = new ImageShape(1, SIZE);
		int validationSize = vs.validation() == null ? 0 : vs.validation().size();
		System.err.printf(
				Locale.ROOT,
				"split %s: train %d (%d for training, %d validation), test %d (%d abnormal); "
						+ "%d iterations/epoch; threads %s%n",
				splitArg,
				all.size(),
				vs.training().size(),
				validationSize,
				test.size(),
				split.abnormalCount(),
				vs.training().size() / config.batchSize(),
				System.getProperty("ai.djl.pytorch.num_threads", "default"));

		Map<String, Object> result = new LinkedHashMap<>();
		Training.Outcome outcome = null;
		try {
			SplittableRandom testOrder = new SplittableRandom(seed + 1);
			List<Map<String, Object>> perEpoch = new ArrayList<>();
			List<Double> iterationSeconds = new ArrayList<>();
			double[] scoringSeconds = new double[2]; // eval, batch-stat totals
			long[] tick = {System.nanoTime()};
			long[] epochStart = {System.nanoTime()};

			GanomalyNetworks[] live = new GanomalyNetworks[1];
			TrainingListener listener = new TrainingListener() {
				@Override
				public void started(GanomalyNetworks networks) {
					live[0] = networks;
				}

				@Override
				public void iteration(Iteration report) {
					long now = System.nanoTime();
					iterationSeconds.add((now - tick[0]) / 1e9);
					tick[0] = now;
				}

				@Override
				public void epoch(Epoch report) {
					long tTrained = System.nanoTime();
					GanomalyNetworks nets = live[0];
					Map<String, Object> rec = new LinkedHashMap<>();
					rec.put("epoch", report.epoch());
					rec.put("validation_score", report.validationScore());
					rec.put("best_so_far", report.best());
					rec.put("proxy_auc", report.proxyAuc());
					if (vs.validation() != null) {
						SampleScore[] normal =
								scores(nets, BatchNormMode.RUNNING_STATISTICS, evalBatch, vs.validation(), null);
						double[] v = means(normal);
						rec.put("validation_mean", map("latent", v[0], "latent_l1", v[1], "reconstruction", v[2]));
						SampleScore[] both = concat(
								normal, scores(nets, BatchNormMode.RUNNING_STATISTICS, evalBatch, damaged, null));
						boolean[] isDamaged = new boolean[both.length];
						Arrays.fill(isDamaged, normal.length, both.length, true);
						rec.put("proxy_auc_by_score", aucByScore(both, isDamaged));
					}
					long ts = System.nanoTime();
					SampleScore[] ev = scores(nets, BatchNormMode.RUNNING_STATISTICS, evalBatch, test, null);
					double evalSeconds = (System.nanoTime() - ts) / 1e9;
					scoringSeconds[0] += evalSeconds;
					rec.put("auc_eval", auc(ev, abnormal, 0));
					rec.put("auc_eval_latent_l1", auc(ev, abnormal, 1));
					rec.put("auc_eval_reconstruction", auc(ev, abnormal, 2));
					if (batchStat) {
						ts = System.nanoTime();
						SampleScore[] bs = batchStatScores(nets, scoreBatch, test, testOrder);
						double bsSeconds = (System.nanoTime() - ts) / 1e9;
						scoringSeconds[1] += bsSeconds;
						rec.put("auc_batchstat", auc(bs, abnormal, 0));
						rec.put("score_batchstat_s", bsSeconds);
					}
					rec.put("mean_losses", losses(report.meanLosses()));
					rec.put("train_s", (tTrained - epochStart[0]) / 1e9);
					rec.put("score_eval_s", evalSeconds);
					perEpoch.add(rec);
					System.err.printf(
							Locale.ROOT,
							"epoch %d: test AUC eval %.4f%s | validation score %.5g%s | "
									+ "train %.1fs | err_g %.3f err_d %.3f%n",
							report.epoch(),
							(double) rec.get("auc_eval"),
							batchStat
									? String.format(Locale.ROOT, " batch-stat %.4f", (double) rec.get("auc_batchstat"))
									: "",
							report.validationScore(),
							report.best() ? " (best so far)" : "",
							(tTrained - epochStart[0]) / 1e9,
							report.meanLosses().generator(),
							report.meanLosses().discriminator());
					tick[0] = epochStart[0] = System.nanoTime();
				}
			};

			outcome = Training.run(
					new Training.Request(
							NetworkConfig.defaults(shape),
							config,
							device,
							vs.training(),
							vs.validation(),
							Preprocessing.resizedBytes(shape),
							null),
					listener);
			GanomalyTrainer.Result trained = outcome.result();
			GanomalyNetworks nets = outcome.model().networks();
			String saveModel = a.get("save-model", null);
			if (saveModel != null) ModelFile.save(outcome.model(), Path.of(saveModel), true);
			long tHonest = System.nanoTime();
			SampleScore[] honest = scores(nets, BatchNormMode.RUNNING_STATISTICS, evalBatch, test, null);
			double honestSeconds = (System.nanoTime() - tHonest) / 1e9;

			Map<String, Object> cfg = new LinkedHashMap<>();
			cfg.put("split", splitArg);
			cfg.put("split_meta", split.meta());
			cfg.put("n_train", all.size());
			cfg.put("n_train_used", vs.training().size());
			cfg.put("n_validation", validationSize);
			cfg.put("n_test", test.size());
			cfg.put("n_test_abnormal", split.abnormalCount());
			cfg.put("epochs", epochs);
			cfg.put("batch", config.batchSize());
			cfg.put("score_batch", scoreBatch);
			cfg.put("eval_batch", evalBatch);
			cfg.put("seed", seed);
			cfg.put("isize", SIZE);
			cfg.put("norm", "pm1");
			cfg.put("validation_fraction", validationFraction);
			cfg.put("selection", selectionName);
			cfg.put("precise_bn_batches", preciseBn);
			cfg.put("averaging_half_life_epochs", averagingHalfLife);
			cfg.put("learning_rate", config.learningRate());
			cfg.put(
					"loss_weights",
					List.of(config.weightAdversarial(), config.weightContextual(), config.weightEncoder()));
			cfg.put("device", device.device().toString());
			cfg.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
			cfg.put(
					"engine",
					"DJL " + ai.djl.engine.Engine.getDjlVersion() + " PyTorch "
							+ ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
			result.put("impl", "java-djl");
			result.put("config", cfg);

			Map<String, Object> selected = new LinkedHashMap<>();
			selected.put("epoch", trained.summary().selectedEpoch());
			selected.put("reason", trained.summary().selectionReason());
			selected.put("auc_eval", auc(honest, abnormal, 0));
			selected.put("auc_eval_latent_l1", auc(honest, abnormal, 1));
			selected.put("auc_eval_reconstruction", auc(honest, abnormal, 2));
			if (batchStat) // diagnostics: the reference's scoring of the selected model
			selected.put(
						"auc_batchstat",
						auc(batchStatScores(nets, scoreBatch, test, new SplittableRandom(seed + 2)), abnormal, 0));
			if (fp16) // issue 5: the half-precision path against fp32 on the same model and images
			selected.put("fp16", fp16Check(nets, evalBatch, test, abnormal, honest));
			result.put("selected", selected);
			result.put("eval", summary(perEpoch, "auc_eval"));
			if (batchStat) result.put("batchstat", summary(perEpoch, "auc_batchstat"));
			result.put("discriminator_resets", trained.summary().discriminatorResets());
			result.put("per_epoch", perEpoch);

			double[] it = iterationSeconds.stream()
					.mapToDouble(Double::doubleValue)
					.sorted()
					.toArray();
			Map<String, Object> timings = new LinkedHashMap<>();
			timings.put("load_s", loadSeconds);
			timings.put("train_total_s", trained.summary().seconds());
			timings.put("total_s", (System.nanoTime() - t0) / 1e9);
			timings.put("iter_s_median", it[it.length / 2]);
			timings.put(
					"iter_s_total",
					iterationSeconds.stream().mapToDouble(Double::doubleValue).sum());
			timings.put("iter_s_min", it[0]);
			timings.put("iter_s_max", it[it.length - 1]);
			timings.put("score_images_per_s_eval", (double) test.size() * perEpoch.size() / scoringSeconds[0]);
			timings.put("honest_scoring_s", honestSeconds);
			timings.put("load_average_start", loadStart);
			timings.put("load_average_end", loadAverage());
			result.put("timings", timings);
			System.err.printf(
					Locale.ROOT,
					"selected epoch %d (%s): honest test AUC %.4f; best epoch by test AUC %s%n",
					trained.summary().selectedEpoch(),
					trained.summary().selectionReason(),
					(double) selected.get("auc_eval"),
					result.get("eval"));
		} finally {
			if (outcome != null && outcome.model() != null) outcome.model().close();
		}
		String text = new GsonBuilder()
				.setPrettyPrinting()
				.serializeSpecialFloatingPointValues()
				.create()
				.toJson(result);
		if (out == null) {
			System.out.println(text);
		} else {
			Path p = Path.of(out);
			if (p.toAbsolutePath().getParent() != null)
				Files.createDirectories(p.toAbsolutePath().getParent());
			Files.writeString(p, text + "\n", StandardCharsets.UTF_8);
			System.err.println("wrote " + out);
		}
	}

	/** "adv,con,enc" (e.g. "1,50,1"), or the defaults when absent. */
	private static double[] lossWeights(String arg) {
		TrainingConfig d = TrainingConfig.defaults();
		if (arg == null) return new double[] {d.weightAdversarial(), d.weightContextual(), d.weightEncoder()};
		String[] parts = arg.split(",");
		if (parts.length != 3)
			throw new IllegalArgumentException("--loss-weights takes three numbers, adversarial,contextual,encoder "
					+ "(e.g. 1,50,1), not " + arg);
		double[] w = new double[3];
		for (int i = 0; i < 3; i++) w[i] = Double.parseDouble(parts[i].trim());
		return w;
	}

	private static SampleScore[] scores(
			GanomalyNetworks nets, BatchNormMode mode, int batch, SampleSet set, int[] order) {
		SampleSet view = order == null ? set : new SampleSubset(set, order);
		SampleScore[] out = new SampleScore[set.size()];
		new BatchScorer(nets, mode, batch, false)
				.score(BatchScorer.iterate(view), (i, item, s, r, m) -> out[order == null ? i : order[i]] = s);
		return out;
	}

	/**
	 * The reference test(): batch statistics, batches in a seeded random order. The core's batch-statistics mode
	 * leaves the running statistics alone; restoring every tensor afterwards makes sure no test image reaches
	 * the model whatever the core does.
	 */
	private static SampleScore[] batchStatScores(
			GanomalyNetworks nets, int batch, SampleSet set, SplittableRandom random) {
		Map<String, float[]> saved = nets.snapshot();
		try {
			return scores(nets, BatchNormMode.BATCH_STATISTICS, batch, set, Permutations.shuffled(set.size(), random));
		} finally {
			nets.restore(saved);
		}
	}

	/** Test AUCs of the fp16 scores, their difference to fp32 and the largest relative score difference. */
	private static Map<String, Object> fp16Check(
			GanomalyNetworks nets, int batch, SampleSet test, boolean[] abnormal, SampleScore[] fp32) {
		SampleScore[] half = new SampleScore[test.size()];
		long t0 = System.nanoTime();
		new BatchScorer(nets, BatchNormMode.RUNNING_STATISTICS, batch, false)
				.withPrecision(DataType.FLOAT16)
				.score(BatchScorer.iterate(test), (i, item, s, r, m) -> half[i] = s);
		double seconds = (System.nanoTime() - t0) / 1e9;
		double maxRel = 0;
		for (int i = 0; i < half.length; i++)
			maxRel =
					Math.max(maxRel, Math.abs(half[i].latent() - fp32[i].latent()) / Math.max(1e-12, fp32[i].latent()));
		Map<String, Object> m = new LinkedHashMap<>();
		for (int c = 0; c < COMPONENTS.length; c++) {
			double a16 = auc(half, abnormal, c), a32 = auc(fp32, abnormal, c);
			m.put(COMPONENTS[c], map("auc_fp16", a16, "auc_fp32", a32, "difference", a16 - a32));
		}
		m.put("max_relative_latent_difference", maxRel);
		m.put("seconds", seconds);
		return m;
	}

	private static SampleScore[] concat(SampleScore[] a, SampleScore[] b) {
		SampleScore[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** AUC of every score component, keyed by its name in {@link #COMPONENTS}. */
	private static Map<String, Object> aucByScore(SampleScore[] s, boolean[] positive) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int c = 0; c < COMPONENTS.length; c++) m.put(COMPONENTS[c], auc(s, positive, c));
		return m;
	}

	/** AUC of one score component: 0 latent, 1 latent L1, 2 reconstruction error. */
	private static double auc(SampleScore[] s, boolean[] abnormal, int component) {
		double[] v = new double[s.length];
		for (int i = 0; i < s.length; i++)
			v[i] = component == 0 ? s[i].latent() : component == 1 ? s[i].latentL1() : s[i].reconstructionError();
		return RocAnalysis.of(v, abnormal).auc();
	}

	private static double[] means(SampleScore[] s) {
		double[] m = new double[3];
		for (SampleScore x : s) {
			m[0] += x.latent();
			m[1] += x.latentL1();
			m[2] += x.reconstructionError();
		}
		for (int i = 0; i < 3; i++) m[i] /= s.length;
		return m;
	}

	private static Map<String, Object> summary(List<Map<String, Object>> perEpoch, String key) {
		Map<String, Object> best = perEpoch.get(0);
		for (Map<String, Object> r : perEpoch) if ((double) r.get(key) > (double) best.get(key)) best = r;
		return map(
				"best_auc",
				best.get(key),
				"best_epoch",
				best.get("epoch"),
				"final_auc",
				perEpoch.get(perEpoch.size() - 1).get(key));
	}

	private static Map<String, Object> losses(Losses l) {
		return map(
				"err_g",
				l.generator(),
				"err_adv",
				l.adversarial(),
				"err_con",
				l.contextual(),
				"err_enc",
				l.encoder(),
				"err_d",
				l.discriminator());
	}

	private static Map<String, Object> map(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}
}
