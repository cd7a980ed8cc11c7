package org.ganomaly.fiji.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.Permutations;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.SyntheticAnomalies;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.metrics.RocAnalysis;
import org.ganomaly.fiji.core.nn.Forward;
import org.ganomaly.fiji.core.nn.NetD;
import org.ganomaly.fiji.core.nn.NetG;
import org.ganomaly.fiji.core.nn.WeightInit;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.runtime.TensorKeys;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.NormalStatistics;
import org.ganomaly.fiji.core.score.VerdictCalibration;

/**
 * The reference training scheme: per batch, a generator step on errG, then a discriminator step on errD with
 * the reconstruction made before the generator step, D re-initialised when errD < 1e-5. After each epoch the
 * generator's BatchNorm statistics are recomputed (optionally) and validation normals scored, and the run keeps
 * the epoch its {@link EpochSelection} rule picks. With weight averaging, what is refreshed, validated and kept
 * at each epoch's end is a moving average of the generator's weights; training goes on from the live weights.
 */
public final class GanomalyTrainer implements AutoCloseable {

	private static final double RESET_THRESHOLD = 1e-5;
	/** DJL allows one gradient collector per JVM, so one training at a time in a Fiji session. */
	private static final java.util.concurrent.atomic.AtomicBoolean TRAINING =
			new java.util.concurrent.atomic.AtomicBoolean();

	private final GanomalyNetworks networks;
	private final TrainingConfig config;
	private final AdamOptimizer adamG;
	private final AdamOptimizer adamD;
	/** Null without weight averaging; between epochs the networks hold the average, this the live weights. */
	private WeightAverage average;
	/** The live weights of a resumed run with weight averaging, until training starts. */
	private Map<String, float[]> resumedLiveWeights;

	private int discriminatorResets;
	private final List<TrainingListener.Epoch> history = new ArrayList<>();

	public GanomalyTrainer(GanomalyNetworks networks, TrainingConfig config) {
		this.networks = networks;
		this.config = config;
		this.adamG =
				new AdamOptimizer(networks.netG().parameters(), config.learningRate(), config.beta1(), config.beta2());
		this.adamD =
				new AdamOptimizer(networks.netD().parameters(), config.learningRate(), config.beta1(), config.beta2());
	}

	/**
	 * Continues a saved run whose networks hold its last epoch: restores both optimizers and the run's history,
	 * so training on from here gives the same weights as an uninterrupted run (epochs are shuffled by number).
	 * Refused unless this trainer's settings that shape the run are the ones it was trained with
	 * ({@code trainedWith}); only the number of epochs (and what is judged and kept) may change.
	 */
	public void resume(Map<String, float[]> optimizerState, TrainingSummary previous, TrainingConfig trainedWith) {
		String notContinuable = previous.whyNotContinuable();
		if (notContinuable != null)
			throw new IllegalArgumentException("This model cannot be trained on exactly: " + notContinuable + ". "
					+ "Train a new model, or continue from a model whose training ran to its end and kept its last epoch "
					+ "(keep epoch: last).");
		if (optimizerState == null)
			throw new IllegalArgumentException("This model holds no optimizer state (it was saved for scoring "
					+ "only), so it cannot be trained on. Continue from a full model file, or train a new model.");
		List<String> changed = trainedWith.runSettingsChangedIn(config);
		if (!changed.isEmpty())
			throw new IllegalArgumentException("This model was trained with other settings than these: "
					+ String.join("; ", changed) + ". Continue it with the settings it was trained with, or train a "
					+ "new model.");
		Map<String, float[]> live = TensorKeys.under(TensorKeys.LIVE_GENERATOR, optimizerState);
		if ((config.averagingHalfLife() > 0) == live.isEmpty())
			throw new IllegalArgumentException("This model file's optimizer state does not match its settings "
					+ "(weight averaging " + (live.isEmpty() ? "missing" : "present") + "); it cannot be trained on "
					+ "exactly. Train a new model.");
		adamG.restore(TensorKeys.under(TensorKeys.ADAM_GENERATOR, optimizerState));
		adamD.restore(TensorKeys.under(TensorKeys.ADAM_DISCRIMINATOR, optimizerState));
		resumedLiveWeights = live.isEmpty() ? null : live;
		history.clear();
		history.addAll(previous.history());
		discriminatorResets = previous.discriminatorResets();
	}

	/**
	 * What training produced: the selected weights are in the networks when this is returned.
	 *
	 * @param pixelCalibration what the anomaly maps' pixel values are on the same normal images ({@link
	 *     NormalStatistics})
	 */
	public record Result(
			TrainingSummary summary,
			Calibration calibration,
			Calibration pixelCalibration,
			VerdictCalibration verdictCalibration) {}

	/**
	 * Trains on {@code train} (normal images only) and calibrates on {@code validation} (normal images, may be
	 * null: then the training images calibrate). Returns null when cancelled before the first epoch ended.
	 */
	public Result train(SampleSet train, SampleSet validation, TrainingListener listener) {
		if (!TRAINING.compareAndSet(false, true))
			throw new IllegalStateException("Another GANomaly training is already running in this Fiji/Java session "
					+ "(the PyTorch engine trains one model at a time). Wait for it to finish, or cancel it.");
		try {
			return trainExclusively(train, validation, listener);
		} finally {
			TRAINING.set(false);
		}
	}

	private Result trainExclusively(SampleSet train, SampleSet validation, TrainingListener listener) {
		Run run = new Run(train, validation, listener);
		for (int epoch = run.firstEpoch; epoch <= config.epochs(); epoch++) {
			Losses meanLosses = run.trainEpoch(epoch);
			if (meanLosses == null) break; // cancelled or diverged
			if (config.preciseBatchNormBatches() > 0) refreshBatchNormStatistics(train, epoch, run.buffer);
			double[] figures = run.validate(epoch);
			if (figures == null) break; // diverged
			run.select(epoch, meanLosses, figures[0], figures[1]);
		}
		if (history.size() < run.firstEpoch) { // stopped before a new epoch completed
			if (run.divergence != null)
				throw diverged(run.divergence, "No good epoch was completed, so no model was made.");
			return null;
		}
		return run.calibrate();
	}

	/**
	 * One call of {@link #train}: its epochs in named steps (train an epoch, refresh BatchNorm, validate, select),
	 * then the kept epoch's calibration; holds what the steps share.
	 */
	private final class Run {

		private final SampleSet train, validation, damaged;
		private final TrainingListener listener;
		private final boolean validating;
		private final int iterations, firstEpoch;
		private final long start = System.nanoTime(), totalIterations;
		private final float[] buffer;
		/** The kept epoch so far: its weights, number and selection score. */
		private Map<String, float[]> best;

		private int bestEpoch;
		private double bestScore;
		private boolean cancelled;
		/** Where training diverged; null while it has not. */
		private String divergence;

		Run(SampleSet train, SampleSet validation, TrainingListener listener) {
			ImageShape shape = networks.config().image();
			checkSet("Training", train, shape);
			if (validation != null) checkSet("Validation", validation, shape);
			int batch = config.batchSize();
			iterations = train.size() / batch;
			if (iterations == 0)
				throw new IllegalArgumentException("Training needs at least one full batch: " + train.size()
						+ " samples is fewer than the batch size " + batch
						+ ". Add images, use tiles, or lower the batch size.");
			this.train = train;
			this.validation = validation;
			this.listener = listener;
			validating = validation != null && validation.size() > 0;
			damaged = validating ? SyntheticAnomalies.of(validation, config.seed()) : null;
			Engines.noGradOnThisThread();
			listener.started(networks);
			buffer = new float[batch * shape.sampleLength()];
			firstEpoch = history.size() + 1;
			if (firstEpoch > config.epochs())
				throw new IllegalArgumentException("The model has already been trained for " + history.size()
						+ " epochs; ask for more than that to continue.");
			// A resumed run starts from its last epoch, which competes for selection like the new ones.
			best = history.isEmpty() ? null : networks.snapshot();
			bestEpoch = history.size();
			bestScore = history.isEmpty() ? Double.NaN : selectionScore(history.get(history.size() - 1));
			totalIterations = (long) iterations * (config.epochs() - firstEpoch + 1);
			if (config.averagingHalfLife() > 0 && average == null) {
				average = new WeightAverage(networks.netG().parameters(), config.averagingHalfLife() * iterations);
				if (resumedLiveWeights != null) average.restore(resumedLiveWeights);
			}
		}

		/**
		 * Trains one epoch on the live weights, leaving the weights to judge (the average, with averaging) in the
		 * networks; returns its mean losses, or null when it was cancelled or diverged.
		 */
		Losses trainEpoch(int epoch) {
			int batch = config.batchSize();
			int[] order = permutation(train.size(), epoch);
			if (average != null) average.exchange(); // train on the live weights
			Losses sum = Losses.zero();
			for (int it = 0; it < iterations; it++) {
				if (listener.cancelled()) {
					cancelled = true;
					return null;
				}
				fill(train, order, it * batch, batch, buffer);
				Losses losses = step(buffer);
				if (!losses.finite()) {
					divergence = String.format(
							Locale.ROOT,
							"epoch %d, iteration %d of %d: %s",
							epoch,
							it + 1,
							iterations,
							losses.describe());
					return null;
				}
				sum = sum.plus(losses);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				long done = (long) (epoch - firstEpoch) * iterations + it + 1;
				Duration remaining =
						elapsed.multipliedBy(totalIterations - done).dividedBy(done);
				listener.iteration(new TrainingListener.Iteration(
						epoch, config.epochs(), it + 1, iterations, losses, elapsed, remaining));
			}
			if (average != null) average.exchange(); // validate, keep and save the average
			return sum.divide(iterations);
		}

		/**
		 * The epoch's validation score and proxy AUC (NaN without validation images), or null when a score is not
		 * finite (the run diverged).
		 */
		double[] validate(int epoch) {
			if (!validating) return new double[] {Double.NaN, Double.NaN};
			double[] normal = scorer().latentScores(validation);
			double[] damagedScores = scorer().latentScores(damaged);
			int notFinite = countNotFinite(normal) + countNotFinite(damagedScores);
			if (notFinite > 0) {
				divergence = String.format(
						Locale.ROOT,
						"the end of epoch %d: %d of %d validation "
								+ "scores (normals and their damaged copies) are not finite",
						epoch,
						notFinite,
						normal.length + damagedScores.length);
				return null;
			}
			double proxyAuc = RocAnalysis.of(concat(normal, damagedScores), damagedLabels(normal.length))
					.auc();
			return new double[] {mean(normal), proxyAuc};
		}

		/** Keeps the epoch's weights if the selection rule prefers them, and reports the epoch. */
		void select(int epoch, Losses meanLosses, double validationScore, double proxyAuc) {
			TrainingListener.Epoch report = new TrainingListener.Epoch(
					epoch,
					config.epochs(),
					meanLosses,
					validationScore,
					proxyAuc,
					false,
					(System.nanoTime() - start) / 1e9);
			double score = selectionScore(report);
			boolean isBest = !validating
					|| config.selection() == EpochSelection.LAST
					|| Double.isNaN(bestScore)
					|| score < bestScore;
			if (isBest) {
				best = networks.snapshot();
				bestEpoch = epoch;
				bestScore = score;
				report = new TrainingListener.Epoch(
						epoch, config.epochs(), meanLosses, validationScore, proxyAuc, true, report.seconds());
			}
			history.add(report);
			listener.epoch(report);
		}

		/**
		 * Puts the kept epoch's weights in the networks and calibrates its scores and map pixels on the normal
		 * images (validation, else training).
		 */
		Result calibrate() {
			networks.restore(best);
			String reason = selectionReason(validating, bestEpoch, bestScore, history.size())
					+ (average == null
							? ""
							: String.format(
									Locale.ROOT,
									"; generator weights: moving average, half-life %s epochs",
									TrainingConfig.plain(config.averagingHalfLife())));
			SampleSet normals = validating ? validation : train;
			String source = validating ? "validation" : "training";
			// One pass over the normal images gives the latent scores and the map pixels both calibrations need.
			NormalStatistics statistics =
					NormalStatistics.of(networks, normals, config.batchSize(), config.smoothing());
			double[] normal = statistics.latentScores();
			int notFinite = countNotFinite(normal);
			if (notFinite > 0)
				throw diverged(
						String.format(
								Locale.ROOT,
								"the end: the kept epoch %d gives %d of %d %s images " + "a score that is not finite",
								bestEpoch,
								notFinite,
								normal.length,
								source),
						"No model was made.");
			Calibration calibration = Calibration.of(normal, source, config.thresholdQuantile());
			TrainingSummary summary = new TrainingSummary(
					history.size(),
					bestEpoch,
					reason,
					cancelled,
					divergence,
					List.copyOf(history),
					discriminatorResets,
					train.size(),
					validating ? validation.size() : 0,
					(System.nanoTime() - start) / 1e9);
			Calibration pixels = statistics.pixelCalibration(source);
			return new Result(summary, calibration, pixels, statistics.verdictCalibration(calibration));
		}
	}

	/** The error for a run that diverged with nothing to keep. */
	private TrainingDivergedException diverged(String where, String consequence) {
		return new TrainingDivergedException(
				"Training diverged at " + where + ". " + consequence + " " + config.divergenceAdvice());
	}

	private static int countNotFinite(double[] values) {
		int n = 0;
		for (double v : values) if (!Double.isFinite(v)) n++;
		return n;
	}

	/** What the selection rule minimises; NaN when the epoch has no validation figures. */
	private double selectionScore(TrainingListener.Epoch epoch) {
		return config.selection() == EpochSelection.MAX_PROXY_AUC ? -epoch.proxyAuc() : epoch.validationScore();
	}

	private String selectionReason(boolean validate, int epoch, double score, int completed) {
		if (config.selection() == EpochSelection.LAST) return "last completed epoch (selection rule: last)";
		if (!validate) return "last completed epoch (no validation images to select with)";
		if (config.selection() == EpochSelection.MAX_PROXY_AUC)
			return String.format(
					Locale.ROOT,
					"epoch %d of %d: best at telling validation normals from "
							+ "damaged copies of them (proxy AUC %.4f)",
					epoch,
					completed,
					-score);
		return String.format(
				Locale.ROOT,
				"epoch %d of %d: lowest mean latent score of validation normals (%.6g)",
				epoch,
				completed,
				score);
	}

	private static double[] concat(double[] a, double[] b) {
		double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** Labels for {@code n} normal scores followed by {@code n} scores of their damaged copies. */
	private static boolean[] damagedLabels(int n) {
		boolean[] labels = new boolean[2 * n];
		java.util.Arrays.fill(labels, n, 2 * n, true);
		return labels;
	}

	/** One reference iteration on the batch in {@code buffer}; returns its losses. */
	Losses step(float[] buffer) {
		ImageShape shape = networks.config().image();
		NetG netG = networks.netG();
		NetD netD = networks.netD();
		float[] values;
		try (NDManager step = networks.manager().newSubManager()) {
			NDArray x = step.create(
					FloatBuffer.wrap(buffer),
					new Shape(config.batchSize(), shape.channels(), shape.size(), shape.size()));
			Forward pass = Forward.training(step, networks.channelPadding());
			try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
				NetG.Output g = netG.forward(pass, x);
				NDArray fake = g.reconstruction();
				NetD.Output real = netD.forward(pass, x);
				NetD.Output fakeForD = netD.forward(pass, fake.stopGradient());
				// errG reaches x̂ through D, but never D's parameters: D's gradients from errG are never applied.
				NetD.Output fakeForG = netD.forward(pass.detachedParameters(), fake);
				NDArray adversarial = real.features()
						.stopGradient()
						.sub(fakeForG.features())
						.square()
						.mean();
				NDArray contextual = x.sub(fake).abs().mean();
				NDArray encoder =
						g.latent().sub(g.reconstructedLatent()).square().mean();
				NDArray errG = adversarial
						.mul((float) config.weightAdversarial())
						.add(contextual.mul((float) config.weightContextual()))
						.add(encoder.mul((float) config.weightEncoder()));
				// BCE on sigmoid outputs, written on logits: BCE(σ(l), 1) = softplus(−l), BCE(σ(l), 0) = softplus(l).
				NDArray errD = Activation.softPlus(real.logits().neg())
						.mean()
						.add(Activation.softPlus(fakeForD.logits()).mean())
						.mul(0.5f);
				collector.backward(errG);
				collector.backward(errD);
				values = NDArrays.stack(new NDList(errG, adversarial, contextual, encoder, errD))
						.toFloatArray();
			}
		}
		adamG.step();
		adamD.step();
		if (average != null) average.update();
		if (values[4] < RESET_THRESHOLD) {
			// Each re-initialisation draws from its own seeded stream: reproducible, and exact after a resume.
			netD.initialize(new WeightInit(config.seed() ^ 0x5DEECE66DL * (discriminatorResets + 1)));
			discriminatorResets++;
		}
		return new Losses(values[0], values[1], values[2], values[3], values[4]);
	}

	/**
	 * Precise BatchNorm: the running statistics become the exact average of batch statistics over (up to)
	 * {@code preciseBatchNormBatches} training batches, instead of an exponential average that lags behind the
	 * weights. Eval-mode scores then match the network as trained.
	 */
	private void refreshBatchNormStatistics(SampleSet train, int epoch, float[] buffer) {
		int batch = config.batchSize();
		int batches = Math.min(config.preciseBatchNormBatches(), train.size() / batch);
		int[] order = permutation(train.size(), -epoch);
		ImageShape shape = networks.config().image();
		for (int k = 0; k < batches; k++) {
			fill(train, order, k * batch, batch, buffer);
			try (NDManager step = networks.manager().newSubManager()) {
				NDArray x = step.create(
						FloatBuffer.wrap(buffer), new Shape(batch, shape.channels(), shape.size(), shape.size()));
				networks.netG().forward(Forward.statisticsRefresh(step, networks.channelPadding(), 1f / (k + 1)), x);
			}
		}
	}

	private BatchScorer scorer() {
		return new BatchScorer(networks, BatchNormMode.RUNNING_STATISTICS, config.batchSize(), false);
	}

	/**
	 * Host copy of both optimizers' state, keyed "adamG.…" and "adamD.…", and with weight averaging the live
	 * generator weights behind the averaged ones the networks hold ("averageG.…").
	 */
	public Map<String, float[]> optimizerState() {
		Map<String, float[]> out = new java.util.LinkedHashMap<>();
		TensorKeys.putUnder(TensorKeys.ADAM_GENERATOR, adamG.state(), out);
		TensorKeys.putUnder(TensorKeys.ADAM_DISCRIMINATOR, adamD.state(), out);
		if (average != null) TensorKeys.putUnder(TensorKeys.LIVE_GENERATOR, average.state(), out);
		return out;
	}

	/** A seeded shuffle of 0..n-1, different for every epoch. */
	private int[] permutation(int n, int epoch) {
		return Permutations.shuffled(n, new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch));
	}

	private static void fill(SampleSet set, int[] order, int from, int count, float[] buffer) {
		int length = set.shape().sampleLength();
		for (int i = 0; i < count; i++) set.copyTo(order[from + i], buffer, i * length);
	}

	private static void checkSet(String what, SampleSet set, ImageShape shape) {
		if (set == null) throw new IllegalArgumentException(what + " images are required.");
		if (!set.shape().equals(shape))
			throw new IllegalArgumentException(
					what + " images are " + set.shape() + " but the network takes " + shape + ".");
	}

	private static double mean(double[] values) {
		double s = 0;
		for (double v : values) s += v;
		return s / values.length;
	}

	@Override
	public void close() {
		adamG.close();
		adamD.close();
		if (average != null) average.close();
	}
}
