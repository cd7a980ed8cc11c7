/**
 * The GANomaly networks of the reference implementation (encoder, decoder, NetG, NetD) as DJL arrays, and the forward
 * passes (training, inference, batch statistics) every convolution goes through.
 */
package org.ganomaly.fiji.core.nn;
