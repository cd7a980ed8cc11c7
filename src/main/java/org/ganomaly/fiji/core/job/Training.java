package org.ganomaly.fiji.core.job;

import java.util.List;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelBuilder;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The one way to train a model: networks created and seeded (or taken from a model to train on), the trainer wired
 * to them, the run, and the model assembled from what it kept. Train GANomaly, the benchmarks and the tests go
 * through here, so none of them can forget a step.
 */
public final class Training {

	/**
	 * What to train.
	 *
	 * @param device where the networks run (a continued model's networks stay where they were loaded)
	 * @param validation normal images that choose the epoch and calibrate; null: the training images calibrate
	 * @param preprocessing how images became samples, stored in the model; its shape is the network's input
	 * @param continued a full model to train on for more epochs (its settings must be {@code config}'s but for the
	 *            epochs), or null for new networks seeded by {@code config.seed()}. Training takes it over: do not
	 *            close it; the outcome's model holds its networks
	 */
	public record Request(
			NetworkConfig network,
			TrainingConfig config,
			DeviceRuntime device,
			SampleSet training,
			SampleSet validation,
			Preprocessing preprocessing,
			GanomalyModel continued) {}

	/**
	 * What training made: the model (the caller closes it) and how the run went; both null when it was cancelled
	 * before its first new epoch ended.
	 */
	public record Outcome(GanomalyModel model, GanomalyTrainer.Result result) {

		public boolean cancelledBeforeAnEpoch() {
			return model == null;
		}
	}

	private Training() {}

	/**
	 * Trains as the request says, reporting to {@code listener}.
	 *
	 * @throws IllegalArgumentException if the request is not valid (a model that cannot be continued, too few
	 *             samples...)
	 */
	public static Outcome run(Request request, TrainingListener listener) {
		GanomalyNetworks networks = request.continued() == null
				? GanomalyNetworks.initialized(
						request.network(), request.device(), request.config().seed())
				: request.continued().networks();
		boolean kept = false;
		try (GanomalyTrainer trainer = new GanomalyTrainer(networks, request.config())) {
			if (request.continued() != null) continueFrom(request.continued(), request.network(), trainer);
			GanomalyTrainer.Result result = trainer.train(request.training(), request.validation(), listener);
			if (result == null) return new Outcome(null, null);
			GanomalyModel model = ModelBuilder.build(
					networks, request.config(), result, request.preprocessing(), trainer.optimizerState());
			kept = true;
			return new Outcome(model, result);
		} finally {
			if (!kept) networks.close();
		}
	}

	private static void continueFrom(GanomalyModel model, NetworkConfig network, GanomalyTrainer trainer) {
		if (!model.manifest().network().equals(network))
			throw new IllegalArgumentException("The model to continue has the network "
					+ describe(model.manifest().network()) + ", not " + describe(network)
					+ ". Continue it with its own image size, channels and "
					+ "network settings, or train a new model.");
		trainer.resume(
				model.optimizerState(),
				model.manifest().summary(),
				model.manifest().training());
	}

	private static String describe(NetworkConfig network) {
		return String.join(
				", ",
				List.of(
						network.image().toString(),
						"nz " + network.nz(),
						"nf " + network.nf(),
						"extra layers " + network.extraLayers()));
	}
}
