package org.ganomaly.fiji.core.data;

/**
 * Shape of one network input: {@code channels} planes of {@code size}×{@code size} pixels.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param size side length in pixels, a power of two from 16 to 256
 */
public record ImageShape(int channels, int size) {

	public static final int MIN_SIZE = 16;
	public static final int MAX_SIZE = 256;

	public ImageShape {
		if (channels != 1 && channels != 3)
			throw new IllegalArgumentException("Channel count must be 1 (grey) or 3 (RGB), not " + channels + ".");
		if (size < MIN_SIZE || size > MAX_SIZE || Integer.bitCount(size) != 1)
			throw new IllegalArgumentException("Image size must be a power of two from " + MIN_SIZE + " to " + MAX_SIZE
					+ " (16, 32, 64, 128 or 256), not " + size + ".");
	}

	/** Number of floats in one sample: channels × size × size. */
	public int sampleLength() {
		return channels * size * size;
	}

	@Override
	public String toString() {
		return size + "×" + size + (channels == 1 ? " grey" : " RGB");
	}
}
