package org.ganomaly.fiji.core.score;

/**
 * Scores of one image.
 *
 * @param latent the reference code's anomaly score A(x) = mean((z − ẑ)²)
 * @param latentL1 the paper's L1 form, ‖z − ẑ‖₁ / nz
 * @param reconstructionError mean|x − x̂| in network units ([-1, 1] intensities)
 */
public record SampleScore(double latent, double latentL1, double reconstructionError) {

	/** Whether every score is a finite number (a network that diverged, or broken kernels, give NaN). */
	public boolean finite() {
		return Double.isFinite(latent) && Double.isFinite(latentL1) && Double.isFinite(reconstructionError);
	}
}
