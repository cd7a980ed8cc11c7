package org.ganomaly.fiji.core.train;

/**
 * The losses of one iteration (or their mean over an epoch).
 *
 * @param generator errG = w_adv·adversarial + w_con·contextual + w_enc·encoder
 * @param adversarial feature matching, mean((f_D(x) − f_D(x̂))²)
 * @param contextual reconstruction, mean|x − x̂|
 * @param encoder latent, mean((z − ẑ)²)
 * @param discriminator errD = ½(BCE(D(x), 1) + BCE(D(x̂), 0))
 */
public record Losses(double generator, double adversarial, double contextual, double encoder, double discriminator) {

	Losses plus(Losses o) {
		return new Losses(
				generator + o.generator,
				adversarial + o.adversarial,
				contextual + o.contextual,
				encoder + o.encoder,
				discriminator + o.discriminator);
	}

	Losses divide(double n) {
		return new Losses(generator / n, adversarial / n, contextual / n, encoder / n, discriminator / n);
	}

	/** Whether every loss is a finite number. */
	public boolean finite() {
		return Double.isFinite(generator)
				&& Double.isFinite(adversarial)
				&& Double.isFinite(contextual)
				&& Double.isFinite(encoder)
				&& Double.isFinite(discriminator);
	}

	/** "errG NaN (adversarial …, contextual …, encoder …), errD …". */
	public String describe() {
		return String.format(
				java.util.Locale.ROOT,
				"errG %.6g (adversarial %.6g, contextual %.6g, encoder %.6g), " + "errD %.6g",
				generator,
				adversarial,
				contextual,
				encoder,
				discriminator);
	}

	static Losses zero() {
		return new Losses(0, 0, 0, 0, 0);
	}
}
