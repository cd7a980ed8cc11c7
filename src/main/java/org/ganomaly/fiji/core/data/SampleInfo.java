package org.ganomaly.fiji.core.data;

/**
 * Where one sample comes from.
 *
 * @param index the sample's index in its set
 * @param stackIndex 1-based stack position of the sample's plane; for a 3-channel sample taken from a 3-channel
 *          hyperstack, the position of its first channel plane
 * @param channel 1-based c of that plane
 * @param slice 1-based z of that plane
 * @param frame 1-based t of that plane
 * @param tileX left edge of the tile in pixels (0 when the sample is the whole plane resized)
 * @param tileY top edge of the tile in pixels (0 when the sample is the whole plane resized)
 * @param tiled whether the sample is a tile (TILE sampling) rather than the whole plane (RESIZE)
 * @param label the plane's slice label, or the file name for an image from a folder; null when there is none
 */
public record SampleInfo(
		int index,
		int stackIndex,
		int channel,
		int slice,
		int frame,
		int tileX,
		int tileY,
		boolean tiled,
		String label) {

	/** The plane's label, or its c/z/t position when it has none. */
	public String planeName() {
		return label != null ? label : "c" + channel + " z" + slice + " t" + frame;
	}

	/** {@link #planeName()}, followed by the tile position for tiles. */
	public String sampleName() {
		return tiled ? planeName() + " tile " + tileX + "," + tileY : planeName();
	}
}
