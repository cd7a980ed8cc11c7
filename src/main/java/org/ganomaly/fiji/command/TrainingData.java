package org.ganomaly.fiji.command;

import java.util.function.Consumer;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.SampleSet;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.data.ValidationSplit;
import org.ganomaly.fiji.image.ImageSource;

/**
 * The samples of one training run: training normals, validation normals (or null) and the intensity range that maps
 * both to the network's [-1, 1]. The range is decided from the training images alone (or given) and applied to the
 * validation images unchanged.
 *
 * @param intensitySource how the range was chosen, in words (stored in the model)
 */
record TrainingData(SampleSet training, SampleSet validation, IntensityRange range, String intensitySource) {

	/** Where the validation normals come from. */
	sealed interface Validation permits Split, Separate, NoValidation {}

	/** A seeded share of the training images, held out. */
	record Split(double fraction, long seed) implements Validation {}

	/** Images of their own (normal ones only). */
	record Separate(ImageSource source) implements Validation {}

	/** No validation: the last epoch is kept and the training images calibrate the scores. */
	record NoValidation() implements Validation {}

	/**
	 * @param givenRange the intensity range to use, or null to measure it on the training images
	 * @param warnings receives the lists of skipped files
	 */
	static TrainingData load(
			ImageSource training,
			Validation validation,
			ImageShape shape,
			Sampling sampling,
			IntensityRange givenRange,
			Consumer<String> warnings) {
		IntensityRange range = givenRange != null ? givenRange : training.estimateRange(shape, sampling);
		String source = givenRange != null
				? "given"
				: range.equals(IntensityRange.BYTE)
						? Preprocessing.BYTE_SOURCE
						: "0.1th to 99.9th percentile of the training pixels";
		SampleSet all = training.samples(shape, sampling, range, warnings);
		if (validation instanceof Split split) {
			ValidationSplit parts = ValidationSplit.of(all, split.fraction(), split.seed());
			return new TrainingData(parts.training(), parts.validation(), range, source);
		}
		if (validation instanceof Separate separate)
			return new TrainingData(all, separate.source().samples(shape, sampling, range, warnings), range, source);
		return new TrainingData(all, null, range, source);
	}
}
