package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opening image files, and why a file cannot be used as an image, found before ImageJ's Opener sees it. The Opener reports a file it cannot
 * read with IJ.error, which in a batch run opens a modal dialog on the reading thread and hangs the run; and it reads
 * a truncated TIFF as a mostly empty image, without a word. So: empty files, content of no image format ImageJ reads,
 * TIFFs whose header cannot be parsed and TIFFs shorter than their own image data are refused here.
 */
public final class ImageFiles {

	/** The Opener's file types that are images this plugin reads. */
	private static final Set<Integer> IMAGE_TYPES = Set.of(
			Opener.TIFF,
			Opener.TIFF_AND_DICOM,
			Opener.DICOM,
			Opener.FITS,
			Opener.PGM,
			Opener.JPEG,
			Opener.GIF,
			Opener.BMP,
			Opener.PNG);

	private ImageFiles() {}

	/**
	 * The image in {@code file}, opened by ImageJ once the checks below pass; an IllegalArgumentException naming the
	 * file and what is wrong with it otherwise. Every image file the plugin reads goes through here.
	 */
	public static ImagePlus open(Path file) {
		String name = file.getFileName().toString();
		String problem = problem(file);
		if (problem != null) throw new IllegalArgumentException("'" + name + "' " + problem + ".");
		ImagePlus imp;
		try {
			Opener opener = new Opener();
			opener.setSilentMode(true);
			imp = opener.openImage(file.toString());
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("'" + name + "' could not be opened as an image (" + e + ").", e);
		}
		if (imp == null) throw new IllegalArgumentException("'" + name + "' could not be opened as an image.");
		return imp;
	}

	/** What is wrong with the file, as a phrase after its name ("is empty (0 bytes)"); null if it looks readable. */
	static String problem(Path file) {
		long size;
		try {
			size = Files.size(file);
		} catch (IOException e) {
			return "cannot be read (" + e.getMessage() + ")";
		}
		if (size == 0) return "is empty (0 bytes)";
		int type = new Opener().getFileType(file.toString());
		if (!IMAGE_TYPES.contains(type))
			return "is not an image ImageJ can read (its content is not TIFF, PNG, JPEG, GIF, BMP, PGM, DICOM or FITS)";
		if (type == Opener.TIFF || type == Opener.TIFF_AND_DICOM) return tiffProblem(file, size);
		return null;
	}

	private static String tiffProblem(Path file, long size) {
		FileInfo[] images;
		try {
			images = new TiffDecoder(
							file.getParent().toString() + "/",
							file.getFileName().toString())
					.getTiffInfo();
		} catch (IOException | RuntimeException e) {
			// TiffDecoder's messages are sometimes a bare number read from the damaged header.
			String detail =
					e.getMessage() != null && e.getMessage().matches(".*[A-Za-z].*") ? ": " + e.getMessage() : "";
			return "is not a readable TIFF: its header is damaged or cut short" + detail;
		}
		if (images == null || images.length == 0) return "is not a readable TIFF: its header describes no image";
		for (FileInfo image : images) {
			long end = dataEnd(image);
			if (end > size)
				return "is truncated: its image data needs " + end + " bytes, the file has " + size
						+ " (it was cut short, e.g. by an interrupted copy)";
		}
		return null;
	}

	/** The byte after the last byte of the image's pixel data, as its header describes it. */
	private static long dataEnd(FileInfo image) {
		if (image.stripOffsets != null && image.stripLengths != null && image.stripOffsets.length > 0) {
			long end = 0;
			for (int i = 0; i < image.stripOffsets.length && i < image.stripLengths.length; i++)
				end = Math.max(end, (image.stripOffsets[i] & 0xFFFFFFFFL) + (image.stripLengths[i] & 0xFFFFFFFFL));
			if (image.nImages <= 1) return end;
		}
		long plane = (long) image.width * image.height * image.getBytesPerPixel();
		int planes = Math.max(1, image.nImages);
		return image.getOffset() + plane * planes + (long) image.gapBetweenImages * (planes - 1);
	}
}
