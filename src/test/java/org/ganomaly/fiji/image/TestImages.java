package org.ganomaly.fiji.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.function.IntBinaryOperator;

/** Small ImageJ images built in memory for the tests. */
final class TestImages {

	private TestImages() {}

	/** Value at (x, y) of plane n (1-based). */
	interface PlaneValues {
		double at(int n, int x, int y);
	}

	static ImagePlus bytes(String title, int width, int height, int planes, PlaneValues values) {
		return stack(title, width, height, planes, values, 8);
	}

	static ImagePlus shorts(String title, int width, int height, int planes, PlaneValues values) {
		return stack(title, width, height, planes, values, 16);
	}

	static ImagePlus floats(String title, int width, int height, int planes, PlaneValues values) {
		return stack(title, width, height, planes, values, 32);
	}

	static ImagePlus stack(String title, int width, int height, int planes, PlaneValues values, int bitDepth) {
		ImageStack stack = new ImageStack(width, height);
		for (int n = 1; n <= planes; n++) {
			ImageProcessor ip = switch (bitDepth) {
				case 8 -> new ByteProcessor(width, height);
				case 16 -> new ShortProcessor(width, height);
				case 32 -> new FloatProcessor(width, height);
				default -> throw new IllegalArgumentException("bit depth " + bitDepth);
			};
			for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) ip.putPixelValue(x, y, values.at(n, x, y));
			stack.addSlice("plane" + n, ip);
		}
		return new ImagePlus(title, stack);
	}

	/** RGB planes whose packed value at (x, y) is {@code rgb.applyAsInt(n, x + 1000 * y)}. */
	static ImagePlus rgb(String title, int width, int height, int planes, IntBinaryOperator rgb) {
		ImageStack stack = new ImageStack(width, height);
		for (int n = 1; n <= planes; n++) {
			ColorProcessor cp = new ColorProcessor(width, height);
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) cp.set(x, y, rgb.applyAsInt(n, x + 1000 * y));
			stack.addSlice("rgb" + n, cp);
		}
		return new ImagePlus(title, stack);
	}

	/** Deep copies of every pixel array, to check later that nothing changed. */
	static Object[] snapshot(ImagePlus imp) {
		ImageStack stack = imp.getStack();
		Object[] copies = new Object[stack.getSize()];
		for (int n = 1; n <= stack.getSize(); n++)
			copies[n - 1] = stack.getProcessor(n).duplicate().getPixels();
		return copies;
	}
}
