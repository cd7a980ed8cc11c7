package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.BitSet;
import org.ganomaly.fiji.core.data.SampleInfo;

/**
 * For TILE sampling: builds a heat map at the input image's full size, one 32-bit slice per sample plane, from the
 * tiles' per-pixel anomaly maps (|x − x̂|, mean over channels, in the {@link MapUnits} asked for). Where tiles
 * overlap, their per-pixel errors are averaged. Tiles may arrive in any order; only the output stack is kept. The result has the
 * input's c/z/t layout (C = 1 for a 3-channel hyperstack input) and its spatial calibration, on one display scale for
 * all slices ({@link MapDisplay}).
 */
public final class TileHeatMapBuilder {

	private final ImageSampler sampler;
	private final MapUnits units;
	private final int size;
	private final int width;
	private final ImageStack stack;
	/** How many tiles cover each column and each row: coverage of (x, y) is their product. */
	private final int[] columnCover;

	private final int[] rowCover;
	private final BitSet added = new BitSet();
	private final int[] tilesAdded;

	public TileHeatMapBuilder(ImageSampler sampler, MapUnits units) {
		if (!sampler.sampling().isTiled())
			throw new IllegalArgumentException("A tile heat map needs TILE sampling; '" + sampler.title()
					+ "' is sampled by " + sampler.sampling().mode() + ".");
		this.sampler = sampler;
		this.units = units;
		this.size = sampler.shape().size();
		this.width = sampler.width();
		this.stack = new ImageStack(width, sampler.height(), sampler.samplePlanes());
		this.columnCover = cover(sampler.tileXs(), width, size);
		this.rowCover = cover(sampler.tileYs(), sampler.height(), size);
		this.tilesAdded = new int[sampler.samplePlanes()];
	}

	private static int[] cover(int[] origins, int length, int size) {
		int[] cover = new int[length];
		for (int origin : origins) for (int i = origin; i < origin + size; i++) cover[i]++;
		return cover;
	}

	/** Adds one tile's map: |x − x̂| in network units, averaged over channels, as the scorer gives it. */
	public void add(float[] networkMap, SampleInfo info) {
		if (added.get(info.index()))
			throw new IllegalStateException("Tile " + info.sampleName() + " was already added to the heat map.");
		added.set(info.index());
		int plane = info.index() / sampler.tilesPerPlane();
		float[] sums = slice(plane, info);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				sums[(info.tileY() + y) * width + info.tileX() + x] += networkMap[y * size + x];
		// Tiles are averaged in network units, then the plane turns into the map's units (calibrated values of the
		// averaged error, not averages of calibrated values).
		if (++tilesAdded[plane] == sampler.tilesPerPlane()) {
			for (int i = 0; i < sums.length; i++)
				sums[i] = units.of((double) sums[i] / (columnCover[i % width] * rowCover[i / width]));
		}
	}

	/** The output slice of a sample plane, created on its first tile. */
	private float[] slice(int plane, SampleInfo info) {
		float[] pixels = (float[]) stack.getPixels(plane + 1);
		if (pixels == null) {
			pixels = new float[width * sampler.height()];
			stack.setPixels(pixels, plane + 1);
			stack.setSliceLabel(info.planeName(), plane + 1);
		}
		return pixels;
	}

	/** The heat map; every tile must have been added. */
	public ImagePlus build() {
		int missing = sampler.size() - added.cardinality();
		if (missing > 0)
			throw new IllegalStateException("The heat map of '" + sampler.title() + "' still lacks " + missing + " of "
					+ sampler.size() + " tiles.");
		ImagePlus imp = new ImagePlus("Anomaly heat map of " + sampler.title(), stack);
		int[] czt = sampler.samplePlaneDimensions();
		imp.setDimensions(czt[0], czt[1], czt[2]);
		if (imp.getNDimensions() > 3) imp.setOpenAsHyperStack(true);
		imp.setCalibration(sampler.calibration());
		return units.display(imp);
	}
}
