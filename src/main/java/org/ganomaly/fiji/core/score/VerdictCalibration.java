package org.ganomaly.fiji.core.score;

import java.util.Locale;

/**
 * What a model's verdict is calibrated on besides its latent scores, learnt from the same normal images (held-out
 * validation normals when there are any) at the end of training: their map peaks ({@link Verdict#peak}), how much the
 * layout of the images means to the latent score, and the combined values the two give ({@link Verdict}).
 * {@code combined}'s threshold is the conformal quantile of those values ({@link Calibration#conformal}), so that
 * the verdict flags at most the intended share of normal images however the two pieces of evidence depend on each
 * other.
 *
 * @param peaks the normal images' map peaks (network units)
 * @param layoutAuc how well the latent score tells the normal images from turned or mirrored copies of themselves
 *     ({@link org.ganomaly.fiji.core.data.TurnedCopies}), as a ROC AUC: 0.5 when turning does not matter to it
 * @param layoutImages how many normal images (and as many copies) {@code layoutAuc} was measured on
 * @param combined the normal images' combined values; its threshold is the verdict's
 */
public record VerdictCalibration(Calibration peaks, double layoutAuc, int layoutImages, Calibration combined) {

	/**
	 * How far above two standard errors of chance the layout AUC must be for the layout to count fully: from there
	 * the latent score leads the verdict. Textures and cells lie within the errors of chance (0.49–0.51 on 150
	 * images), digits 0.12–0.42 above them (bench/RESULTS.md).
	 */
	static final double FULL_LAYOUT_EXCESS = 0.1;

	public VerdictCalibration {
		if (peaks == null || combined == null)
			throw new IllegalArgumentException("A verdict calibration needs the peaks' and the combined values'.");
		if (!(layoutAuc >= 0 && layoutAuc <= 1) || layoutImages < 1)
			throw new IllegalArgumentException(
					"A verdict calibration needs a layout AUC in [0, 1] measured on at least one image.");
	}

	/**
	 * How much the layout of the images means to the latent score, from 0 (turned copies score like normal images:
	 * textures, scattered objects; the map's peak leads the verdict) to 1 (the latent score tells them apart: aligned
	 * objects; the latent score leads). 0 up to two standard errors of a chance AUC on this many images, rising to 1
	 * over the next {@value #FULL_LAYOUT_EXCESS}.
	 */
	public double layoutWeight() {
		return layoutWeight(layoutAuc, layoutImages);
	}

	/** {@link #layoutWeight()} for a layout AUC measured on {@code images} images and as many copies. */
	static double layoutWeight(double layoutAuc, int images) {
		double n = images;
		double chanceError = Math.sqrt((2 * n + 1) / (12 * n * n));
		return Math.min(1, Math.max(0, (layoutAuc - 0.5 - 2 * chanceError) / FULL_LAYOUT_EXCESS));
	}

	/** One line for the Log: what leads the verdict and why. */
	public String describe() {
		double weight = layoutWeight();
		String leads = weight == 0
				? "the map's peak leads the verdict (turned or mirrored normal images score like normal ones, so the"
						+ " images have no layout that matters: textures, things scattered anywhere)"
				: weight == 1
						? "the latent score leads the verdict (it tells turned or mirrored normal images from normal"
								+ " ones, so the images' layout matters: aligned objects)"
						: "latent score and map peak share the verdict (turning the images matters to the latent score"
								+ " only somewhat)";
		int n = combined.count();
		double bound = Calibration.conformalExceedance(n, combined.thresholdQuantile());
		return String.format(
						Locale.ROOT,
						"Verdict: %s; layout AUC %.3f on %d %s images, weight %.2f. It flags at most %.3g %% of normal"
								+ " images like these %d.",
						leads,
						layoutAuc,
						layoutImages,
						combined.source(),
						weight,
						100 * bound,
						n)
				+ (bound > 1 - combined.thresholdQuantile() + 1e-12
						? String.format(
								Locale.ROOT,
								" Too few for the %.3g %% the threshold quantile asks: that needs at least %d.",
								100 * (1 - combined.thresholdQuantile()),
								(int) Math.ceil(1 / (1 - combined.thresholdQuantile()) - 1 - 1e-9))
						: "");
	}
}
