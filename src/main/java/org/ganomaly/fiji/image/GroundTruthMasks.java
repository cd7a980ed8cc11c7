package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The ground-truth masks of a stack of anomaly maps, slice by slice: from a mask stack of the same size, or from a
 * folder of mask files matched by the maps' slice labels (the file names Score Stack gives a folder's samples). A
 * mask has two values, 0 for normal pixels and one other for anomalous ones (255 or 1 as drawn and saved).
 */
public final class GroundTruthMasks {

	private GroundTruthMasks() {}

	/** Each slice of a 32-bit map stack as a row-by-row array. */
	public static List<float[]> maps(ImagePlus maps) {
		ImageStack stack = maps.getStack();
		List<float[]> out = new ArrayList<>();
		for (int n = 1; n <= stack.getSize(); n++)
			out.add((float[]) stack.getProcessor(n).convertToFloatProcessor().getPixels());
		return out;
	}

	/** The masks of a stack that matches the maps slice for slice. */
	public static List<boolean[]> fromStack(ImagePlus maps, ImagePlus masks) {
		if (masks.getWidth() != maps.getWidth()
				|| masks.getHeight() != maps.getHeight()
				|| masks.getStackSize() != maps.getStackSize())
			throw new IllegalArgumentException("The masks '" + masks.getTitle() + "' (" + size(masks)
					+ ") do not match "
					+ "the anomaly maps '" + maps.getTitle() + "' (" + size(maps) + "): give one mask per map, of the "
					+ "maps' size.");
		List<boolean[]> out = new ArrayList<>();
		for (int n = 1; n <= masks.getStackSize(); n++)
			out.add(binary(masks.getStack().getProcessor(n), "slice " + n + " of '" + masks.getTitle() + "'"));
		return out;
	}

	/**
	 * The masks of a folder: for a map slice labelled {@code name.ext} (or {@code name}), the file {@code name.*} or
	 * {@code name_mask.*}; a slice without a mask file is all normal.
	 */
	public static List<boolean[]> fromFolder(ImagePlus maps, Path folder) {
		if (!Files.isDirectory(folder))
			throw new IllegalArgumentException("'" + folder + "' is not a folder. Choose the folder of mask files.");
		List<Path> files = FileImages.listImageFiles(folder);
		List<boolean[]> out = new ArrayList<>();
		for (int n = 1; n <= maps.getStackSize(); n++) {
			String label = maps.getStack().getSliceLabel(n);
			Path file = label == null ? null : match(files, baseName(label));
			if (file == null) {
				out.add(new boolean[maps.getWidth() * maps.getHeight()]);
				continue;
			}
			ImagePlus mask = ImageFiles.open(file);
			if (mask.getWidth() != maps.getWidth() || mask.getHeight() != maps.getHeight())
				throw new IllegalArgumentException("Mask file '" + file + "' is " + mask.getWidth() + "×"
						+ mask.getHeight() + " pixels, but the anomaly map '" + label + "' is " + maps.getWidth() + "×"
						+ maps.getHeight() + ". Give masks at the maps' size.");
			out.add(binary(mask.getProcessor(), "mask file '" + file + "'"));
		}
		return out;
	}

	private static Path match(List<Path> files, String base) {
		for (Path file : files) {
			String name = baseName(file.getFileName().toString());
			if (name.equals(base) || name.equals(base + "_mask")) return file;
		}
		return null;
	}

	private static String baseName(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 && FileImages.EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
				? name.substring(0, dot)
				: name;
	}

	/** True where the mask is not 0; refuses masks with more than two values. */
	private static boolean[] binary(ImageProcessor mask, String what) {
		boolean[] out = new boolean[mask.getPixelCount()];
		TreeSet<Float> values = new TreeSet<>();
		for (int i = 0; i < out.length; i++) {
			float v = mask.getf(i);
			if (values.size() < 4) values.add(v); // enough to show three and say there are more
			out[i] = v != 0;
		}
		if (values.size() > 2 || (values.size() == 2 && !values.contains(0f)))
			throw new IllegalArgumentException("The " + what + " is not a binary mask (it holds the values "
					+ values.stream().limit(3).map(String::valueOf).toList() + (values.size() > 3 ? " and more" : "")
					+ "). Masks hold 0 for normal pixels and one other value for anomalous ones.");
		return out;
	}

	private static String size(ImagePlus imp) {
		return imp.getWidth() + "×" + imp.getHeight() + ", " + imp.getStackSize() + " slices";
	}
}
