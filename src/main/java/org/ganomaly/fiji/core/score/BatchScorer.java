package org.ganomaly.fiji.core.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.nn.Forward;
import org.ganomaly.fiji.core.nn.NetG;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * The generator's forward pass over a stream of samples, a batch at a time, giving each sample's scores (and, if
 * asked, its reconstruction and anomaly map): memory stays bounded by the batch size however many images stream
 * through.
 */
public final class BatchScorer {

	/**
	 * Receives each sample's results in input order, on the thread that called {@link #score}. Arrays are fresh per
	 * call and may be kept.
	 */
	public interface Sink<M> {
		/**
		 * @param item the sample as the iterator gave it: its data and metadata
		 * @param reconstruction x̂ in network units, CHW, or null when images were not requested
		 * @param anomalyMap |x − x̂| averaged over channels (network units), size×size, smoothed if the scorer
		 *     smooths, or null when images were not requested
		 */
		void accept(int index, ScoringItem<M> item, SampleScore score, float[] reconstruction, float[] anomalyMap);
	}

	private final GanomalyNetworks networks;
	private final BatchNormMode mode;
	private final int batchSize;
	private final boolean images;
	private final DataType precision;
	private final MapSmoothing smoothing;

	public BatchScorer(GanomalyNetworks networks, BatchNormMode mode, int batchSize, boolean images) {
		this(networks, mode, batchSize, images, DataType.FLOAT32, MapSmoothing.NONE);
	}

	private BatchScorer(
			GanomalyNetworks networks,
			BatchNormMode mode,
			int batchSize,
			boolean images,
			DataType precision,
			MapSmoothing smoothing) {
		if (batchSize < 1)
			throw new IllegalArgumentException("Scoring batch size must be at least 1, not " + batchSize + ".");
		networks.profile().checkPrecision(precision);
		this.networks = networks;
		this.mode = mode;
		this.batchSize = batchSize;
		this.images = images;
		this.precision = precision;
		this.smoothing = smoothing;
	}

	/**
	 * The same scorer computing the network in float16 (for GPUs with tensor cores). Scores are still reduced
	 * and returned in float32.
	 */
	public BatchScorer withPrecision(DataType type) {
		return new BatchScorer(networks, mode, batchSize, images, type, smoothing);
	}

	/** The same scorer smoothing the anomaly maps it gives (scores are not affected). */
	public BatchScorer withMapSmoothing(MapSmoothing value) {
		return new BatchScorer(networks, mode, batchSize, images, precision, value);
	}

	/** Scores every sample the iterator yields; returns how many. See {@link #score(Iterator, Sink, BooleanSupplier)}. */
	public <M> int score(Iterator<ScoringItem<M>> samples, Sink<M> sink) {
		return score(samples, sink, () -> false);
	}

	/**
	 * Scores the samples the iterator yields until it ends or {@code cancelled} says so; returns how many were
	 * scored. The iterator is read on a background thread, one batch ahead of the network; {@code cancelled} is asked
	 * before each batch and while waiting for one (a read stuck in I/O does not keep a cancelled run waiting), and
	 * the sink is called, on the caller's thread. Whatever reading throws ends the run with an exception.
	 */
	public <M> int score(Iterator<ScoringItem<M>> samples, Sink<M> sink, BooleanSupplier cancelled) {
		Engines.noGradOnThisThread();
		int done = 0;
		try (BatchPrefetcher<M> prefetcher =
				new BatchPrefetcher<>(samples, batchSize, networks.config().image())) {
			while (!cancelled.getAsBoolean()) {
				BatchPrefetcher.Batch<M> batch = prefetcher.next(cancelled);
				if (batch == null || batch.count() == 0) return done;
				scoreBatch(batch.data(), batch.items(), done, sink);
				done += batch.count();
				prefetcher.recycle(batch);
			}
			return done;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Scoring was interrupted after " + done + " images.", e);
		}
	}

	/** Latent scores of a whole sample set, in order. */
	public double[] latentScores(SampleSet set) {
		double[] out = new double[set.size()];
		score(iterate(set), (i, item, s, r, m) -> out[i] = s.latent());
		return out;
	}

	/** The samples of a set, numbered by their index in it. */
	public static Iterator<ScoringItem<Integer>> iterate(SampleSet set) {
		return new Iterator<>() {
			private int next;

			@Override
			public boolean hasNext() {
				return next < set.size();
			}

			@Override
			public ScoringItem<Integer> next() {
				if (!hasNext()) throw new NoSuchElementException();
				float[] sample = new float[set.shape().sampleLength()];
				set.copyTo(next, sample, 0);
				return new ScoringItem<>(sample, next++);
			}
		};
	}

	private <M> void scoreBatch(float[] batch, List<ScoringItem<M>> items, int firstIndex, Sink<M> sink) {
		int n = items.size();
		if (mode == BatchNormMode.BATCH_STATISTICS) {
			scoreChunk(batch, items, 0, n, firstIndex, sink);
			return;
		}
		// Scores do not depend on batching here: the device's compute batch cuts what the caller reads ahead.
		int compute = networks.profile().computeBatch();
		for (int from = 0; from < n; from += compute)
			scoreChunk(batch, items, from, Math.min(compute, n - from), firstIndex, sink);
	}

	/** Scores samples [from, from + n) of the batch buffer; {@code firstIndex} is the index of the batch's first. */
	private <M> void scoreChunk(
			float[] batch, List<ScoringItem<M>> items, int from, int n, int firstIndex, Sink<M> sink) {
		ImageShape shape = networks.config().image();
		int length = shape.sampleLength();
		int pixels = shape.size() * shape.size();
		try (NDManager step = networks.manager().newSubManager()) {
			NDArray x = step.create(
					java.nio.FloatBuffer.wrap(batch, from * length, n * length),
					new Shape(n, shape.channels(), shape.size(), shape.size()));
			Forward pass = mode == BatchNormMode.RUNNING_STATISTICS
					? Forward.inference(step, networks.channelPadding())
					: Forward.batchStatistics(step, networks.channelPadding());
			NetG.Output out = networks.netG().forward(pass.withPrecision(precision), x.toType(precision, false));
			NDArray reconstruction = out.reconstruction().toType(DataType.FLOAT32, false);
			NDArray diff = out.latent()
					.toType(DataType.FLOAT32, false)
					.sub(out.reconstructedLatent().toType(DataType.FLOAT32, false))
					.reshape(n, -1);
			float[] l2 = diff.square().mean(new int[] {1}).toFloatArray();
			float[] l1 = diff.abs().mean(new int[] {1}).toFloatArray();
			NDArray absError = x.sub(reconstruction).abs();
			float[] rec = absError.reshape(n, -1).mean(new int[] {1}).toFloatArray();
			float[] reconstructions = images ? reconstruction.toFloatArray() : null;
			float[] maps = images ? absError.mean(new int[] {1}).toFloatArray() : null;
			for (int i = 0; i < n; i++) {
				float[] r = null, m = null;
				if (images) {
					r = java.util.Arrays.copyOfRange(reconstructions, i * length, (i + 1) * length);
					m = smoothing.apply(java.util.Arrays.copyOfRange(maps, i * pixels, (i + 1) * pixels), shape.size());
				}
				sink.accept(firstIndex + from + i, items.get(from + i), new SampleScore(l2[i], l1[i], rec[i]), r, m);
			}
		}
	}
}
