package org.ganomaly.fiji.image;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Copies rectangles of a 2D imglib2 plane into float arrays, row by row. */
final class PlaneReader {

	private PlaneReader() {}

	/** Copies the width×height rectangle at (x, y) into {@code dst} from {@code offset}, row-major. */
	static void read(
			RandomAccessibleInterval<? extends RealType<?>> plane,
			int x,
			int y,
			int width,
			int height,
			float[] dst,
			int offset) {
		RandomAccess<? extends RealType<?>> access = plane.randomAccess();
		for (int row = 0; row < height; row++) {
			access.setPosition(x, 0);
			access.setPosition(y + row, 1);
			int at = offset + row * width;
			for (int col = 0; col < width; col++, access.fwd(0))
				dst[at + col] = access.get().getRealFloat();
		}
	}
}
