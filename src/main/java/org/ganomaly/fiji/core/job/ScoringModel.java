package org.ganomaly.fiji.core.job;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.BatchScorer;
import org.ganomaly.fiji.core.score.ScoringItem;

/**
 * A model file opened for scoring: its networks loaded onto a device runtime with a {@link BatchScorer} wired to them.
 * A {@link ScoringSession} turns what it scores into rows. Close it to free the networks.
 */
public final class ScoringModel implements AutoCloseable {

	/**
	 * How to score.
	 *
	 * @param batchSize samples read ahead and handed to the network together
	 * @param images whether the sink also gets reconstructions and anomaly maps
	 * @param precision {@link DataType#FLOAT32}, or {@link DataType#FLOAT16} for GPUs
	 */
	public record Settings(BatchNormMode batchNorm, int batchSize, boolean images, DataType precision) {}

	private final GanomalyModel model;
	private final Settings settings;
	private final BatchScorer scorer;

	private ScoringModel(GanomalyModel model, Settings settings) {
		this.model = model;
		this.settings = settings;
		this.scorer = new BatchScorer(model.networks(), settings.batchNorm(), settings.batchSize(), settings.images())
				.withPrecision(settings.precision())
				.withMapSmoothing(model.manifest().training().smoothing());
	}

	/**
	 * Loads the model onto {@code runtime}'s device, ready to score.
	 *
	 * @throws IOException if the model file cannot be read
	 * @throws IllegalArgumentException if the settings are not valid for it
	 */
	public static ScoringModel open(Path modelFile, DeviceRuntime runtime, Settings settings) throws IOException {
		GanomalyModel model = ModelFile.load(modelFile, runtime);
		try {
			return new ScoringModel(model, settings);
		} catch (RuntimeException e) {
			model.close();
			throw e;
		}
	}

	public ModelManifest manifest() {
		return model.manifest();
	}

	public Settings settings() {
		return settings;
	}

	/** Scores as {@link BatchScorer#score(Iterator, BatchScorer.Sink, BooleanSupplier)} does. */
	public <M> int score(Iterator<ScoringItem<M>> samples, BatchScorer.Sink<M> sink, BooleanSupplier cancelled) {
		return scorer.score(samples, sink, cancelled);
	}

	@Override
	public void close() {
		model.close();
	}
}
