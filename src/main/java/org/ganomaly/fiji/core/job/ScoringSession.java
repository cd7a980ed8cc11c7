package org.ganomaly.fiji.core.job;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.metrics.MapRegions;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.score.Calibration;
import org.ganomaly.fiji.core.score.SampleScore;
import org.ganomaly.fiji.core.score.ScoreColumn;
import org.ganomaly.fiji.core.score.ScoredSample;
import org.ganomaly.fiji.core.score.ScoringItem;
import org.ganomaly.fiji.core.score.Verdict;

/**
 * Scoring with an opened model, as Score Stack and the Spark job both do it: samples from any source (a sample
 * stream of open images, a folder's files, a Spark task's files) go through the networks, and each comes out as a
 * typed row, {@link ScoredSample} (where it is, its scores in intensity units, the model's verdicts with the combined
 * score, its anomalous regions), with its map and reconstruction for the caller's images. Callers only write the
 * rows: Score Stack into its table and CSV, the Spark job into Parquet or CSV with its own columns after
 * {@link #columns}.
 */
public final class ScoringSession {

	/** What the session needs of a sample's metadata: where the sample is, and how a message names it. */
	public interface Located {
		SampleInfo info();

		/** The sample in a message, e.g. "'c1 z2 t1'" or "'tile 16,0' of 'hdfs://…/a.tif'". */
		String describe();
	}

	/**
	 * How to find a sample's anomalous regions.
	 *
	 * @param pixelThreshold the pixel threshold in network units; NaN when the model has no pixel calibration
	 * @param minArea regions with fewer pixels are left out
	 * @param labels whether the caller gets each pixel's region number (for masks and ROIs)
	 */
	public record Regions(double pixelThreshold, int minArea, boolean labels) {
		/** The model's own pixel threshold, if it has one, and no labels: what the Spark job uses. */
		public static Regions ofModel(ModelManifest manifest, int minArea) {
			Calibration pixels = manifest.pixelCalibration();
			return new Regions(pixels == null ? Double.NaN : pixels.threshold(), minArea, false);
		}

		boolean found() {
			return !Double.isNaN(pixelThreshold);
		}
	}

	/**
	 * One scored sample.
	 *
	 * @param index the sample's place in this call's samples (0, 1, ...)
	 * @param data the sample in network units (CHW)
	 * @param reconstruction and {@code anomalyMap} as {@link org.ganomaly.fiji.core.score.BatchScorer.Sink} gives
	 *     them; null when the model was opened without images
	 * @param regionLabels each map pixel's region number (0 outside), or null when not asked for
	 */
	public record Result<M>(
			int index,
			M meta,
			ScoredSample scores,
			float[] data,
			float[] reconstruction,
			float[] anomalyMap,
			int[] regionLabels) {}

	/** Receives the results in input order, on the thread that called {@link #score}. */
	public interface Sink<M> {
		void accept(Result<M> result);
	}

	private final ScoringModel model;
	private final Regions regions;
	private final Calibration calibration;
	private final Verdict verdict;
	private final double intensityScale;
	private final int size;

	/** @throws IllegalArgumentException if the model was opened without the maps its verdict or regions need */
	public ScoringSession(ScoringModel model, Regions regions) {
		ModelManifest manifest = model.manifest();
		if ((regions.found() || needsMaps(manifest)) && !model.settings().images())
			throw new IllegalArgumentException(
					"This model's verdict and regions need its anomaly maps: open it with images.");
		this.model = model;
		this.regions = regions;
		this.calibration = manifest.calibration();
		this.verdict = Verdict.of(manifest.calibration(), manifest.verdictCalibration());
		this.intensityScale = manifest.intensity().networkToIntensityScale();
		this.size = manifest.network().image().size();
	}

	/** Whether scoring with this model needs its anomaly maps (it has a pixel calibration: regions, the verdict). */
	public static boolean needsMaps(ModelManifest manifest) {
		return manifest.pixelCalibration() != null;
	}

	/** The columns of this model's scores table, in order, for Score Stack and the Spark job alike. */
	public static List<ScoreColumn> columns(ModelManifest manifest) {
		return ScoreColumn.of(manifest.preprocessing().sampling().isTiled(), manifest.pixelCalibration() != null);
	}

	/** Whether the model's verdict uses the maps; false for models trained before the verdict calibration. */
	public boolean verdictUsesMaps() {
		return verdict.usesMaps();
	}

	/**
	 * Scores the samples until they end or {@code cancelled} says so (asked as {@link ScoringModel#score} does);
	 * returns how many were scored.
	 *
	 * @throws IllegalStateException if the model gives a sample scores that are not numbers
	 */
	public <M extends Located> int score(Iterator<ScoringItem<M>> samples, Sink<M> sink, BooleanSupplier cancelled) {
		return model.score(
				samples,
				(index, item, score, reconstruction, map) ->
						sink.accept(result(index, item, score, reconstruction, map)),
				cancelled);
	}

	private <M extends Located> Result<M> result(
			int index, ScoringItem<M> item, SampleScore score, float[] reconstruction, float[] map) {
		M meta = item.meta();
		if (!score.finite())
			throw new IllegalStateException(String.format(
					Locale.ROOT,
					"The model gives sample %s scores that are not numbers (latent %s, reconstruction error %s), so it "
							+ "cannot score. Its weights are broken, most likely by a training that diverged: train it "
							+ "again. No table was written.",
					meta.describe(),
					score.latent(),
					score.reconstructionError()));
		int[] labels = regions.found() && regions.labels() ? new int[map.length] : null;
		MapRegions found =
				regions.found() ? MapRegions.of(map, size, regions.pixelThreshold(), regions.minArea(), labels) : null;
		Verdict.Judgement judgement = verdict.judge(score.latent(), map);
		SampleInfo info = meta.info();
		ScoredSample scores = new ScoredSample(
				info.planeName(),
				info.stackIndex(),
				info.channel(),
				info.slice(),
				info.frame(),
				info.tileX(),
				info.tileY(),
				score.latent(),
				calibration.calibrated(score.latent()),
				score.reconstructionError() * intensityScale,
				judgement.score(),
				judgement.anomalous(),
				calibration.anomalous(score.latent()),
				found == null ? 0 : found.count(),
				found == null ? 0 : found.area(),
				found == null ? 0 : found.max() * intensityScale);
		return new Result<>(index, meta, scores, item.data(), reconstruction, map, labels);
	}
}
