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
		return new Losses(generator + o.generator, adversarial + o.adversarial, contextual + o.contextual,
			encoder + o.encoder, discriminator + o.discriminator);
	}

	Losses divide(double n) {
		return new Losses(generator / n, adversarial / n, contextual / n, encoder / n, discriminator / n);
	}

	static Losses zero() {
		return new Losses(0, 0, 0, 0, 0);
	}
}
