package org.ganomaly.fiji.core.job;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.score.BatchNormMode;
import org.ganomaly.fiji.core.score.GanomalyScorer;
import org.ganomaly.fiji.core.score.ScoringItem;

/**
 * The one way to score with a model file: the model loaded onto a device and a scorer wired to it, as Score Stack
 * (and anything else that scores files) uses them. Close it to free the networks.
 */
public final class Scoring implements AutoCloseable {

	/**
	 * How to score.
	 *
	 * @param batchSize samples read ahead and handed to the network together
	 * @param images whether the sink also gets reconstructions and anomaly maps
	 * @param precision {@link DataType#FLOAT32}, or {@link DataType#FLOAT16} for GPUs
	 */
	public record Settings(BatchNormMode batchNorm, int batchSize, boolean images, DataType precision) {}

	private final GanomalyModel model;
	private final GanomalyScorer scorer;

	private Scoring(GanomalyModel model, Settings settings) {
		this.model = model;
		this.scorer = new GanomalyScorer(
						model.networks(), settings.batchNorm(), settings.batchSize(), settings.images())
				.withPrecision(settings.precision())
				.withMapSmoothing(model.manifest().training().smoothing());
	}

	/**
	 * Loads the model onto {@code runtime}'s device, ready to score.
	 *
	 * @throws IOException if the model file cannot be read
	 * @throws IllegalArgumentException if the settings are not valid for it
	 */
	public static Scoring open(Path modelFile, DeviceRuntime runtime, Settings settings) throws IOException {
		GanomalyModel model = ModelFile.load(modelFile, runtime);
		try {
			return new Scoring(model, settings);
		} catch (RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/** Scores as {@link GanomalyScorer#score(Iterator, GanomalyScorer.Sink, BooleanSupplier)} does. */
	public <M> int score(Iterator<ScoringItem<M>> samples, GanomalyScorer.Sink<M> sink, BooleanSupplier cancelled) {
		return scorer.score(samples, sink, cancelled);
	}

	@Override
	public void close() {
		model.close();
	}
}
