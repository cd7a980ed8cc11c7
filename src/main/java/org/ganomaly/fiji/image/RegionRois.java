package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The anomalous regions of scored samples as ImageJ ROIs: one outline per region, named after its sample, with the
 * sample's number as its stack position, so that each ROI lands on its slice of the result stacks (anomaly maps,
 * region masks, overlays, reconstructions: slice n is sample n).
 */
public final class RegionRois {

	private final int width, height;
	private final List<Roi> rois = new ArrayList<>();
	private final List<String> entries = new ArrayList<>();

	/** @param width the samples' width and height in pixels */
	public RegionRois(int width, int height) {
		this.width = width;
		this.height = height;
	}

	/**
	 * Adds the regions of one sample.
	 *
	 * @param numbers each pixel's region number (1 to {@code count}; 0 outside the regions), row by row
	 * @param position the sample's number in the run, from 1
	 */
	public void add(int[] numbers, int count, int position, String sampleName) {
		for (int region = 1; region <= count; region++) {
			ByteProcessor mask = new ByteProcessor(width, height);
			byte[] pixels = (byte[]) mask.getPixels();
			for (int i = 0; i < numbers.length; i++) if (numbers[i] == region) pixels[i] = (byte) 255;
			mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
			Roi roi = ThresholdToSelection.run(new ImagePlus("", mask));
			roi.setName(sampleName + " region " + region);
			roi.setPosition(position);
			rois.add(roi);
			// Entry names must be unique in the file, and sample names need not be.
			entries.add(
					String.format("%06d-%s-region-%d.roi", position, sampleName.replaceAll("[/\\\\:]", "_"), region));
		}
	}

	public List<Roi> rois() {
		return List.copyOf(rois);
	}

	public int size() {
		return rois.size();
	}

	/** Writes the ROIs as an ImageJ ROI set (a zip of .roi files, as ROI Manager › More › Save writes). */
	public void writeRoiSet(Path file) throws IOException {
		try (OutputStream stream = Files.newOutputStream(file);
				ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(stream));
				DataOutputStream out = new DataOutputStream(zip)) {
			RoiEncoder encoder = new RoiEncoder(out);
			for (int i = 0; i < rois.size(); i++) {
				zip.putNextEntry(new ZipEntry(entries.get(i)));
				encoder.write(rois.get(i));
				out.flush();
			}
		}
	}
}
