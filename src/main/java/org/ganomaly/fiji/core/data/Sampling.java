package org.ganomaly.fiji.core.data;

/**
 * How an image plane becomes network samples.
 *
 * @param mode {@link Mode#RESIZE} or {@link Mode#TILE}
 * @param stride for TILE, the step between neighbouring tiles in pixels (from 1 to the tile size; smaller than the
 *          tile size makes tiles overlap); 0 for RESIZE
 */
public record Sampling(Mode mode, int stride) {

	public enum Mode {
		/** Each plane scaled to the network size (bilinear; a non-square plane is stretched to the square). */
		RESIZE,
		/** Network-size tiles covering the whole plane; the last row and column of tiles end flush with the border. */
		TILE
	}

	public Sampling {
		if (mode == null) throw new IllegalArgumentException("Sampling mode is missing: choose RESIZE or TILE.");
		if (mode == Mode.RESIZE && stride != 0)
			throw new IllegalArgumentException("RESIZE sampling has no stride (got " + stride + ").");
		if (mode == Mode.TILE && stride < 1)
			throw new IllegalArgumentException("Tile stride must be at least 1 pixel, not " + stride + ".");
	}

	public static Sampling resize() {
		return new Sampling(Mode.RESIZE, 0);
	}

	/** Tiles placed every {@code stride} pixels. */
	public static Sampling tile(int stride) {
		return new Sampling(Mode.TILE, stride);
	}

	public boolean isTiled() {
		return mode == Mode.TILE;
	}
}
