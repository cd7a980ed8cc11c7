package org.ganomaly.fiji.core.metrics;

import java.util.List;

/** The 8-connected regions of a binary image (pixels touching at an edge or a corner belong together). */
final class ConnectedRegions {

	private ConnectedRegions() {}

	/**
	 * Labels the 8-connected anomalous regions of one mask into {@code region} from {@code offset}, numbering on
	 * from {@code sizes}, to which each new region's size is added; returns the number of normal pixels.
	 */
	static long label(boolean[] mask, int width, int height, int[] region, int offset, List<Integer> sizes) {
		long normal = 0;
		int[] stack = new int[mask.length];
		for (int start = 0; start < mask.length; start++) {
			if (!mask[start]) {
				normal++;
				continue;
			}
			if (region[offset + start] != 0) continue;
			int id = sizes.size();
			int size = 0, top = 0;
			stack[top++] = start;
			region[offset + start] = id;
			while (top > 0) {
				int p = stack[--top];
				size++;
				int x = p % width, y = p / width;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = x + dx, ny = y + dy;
						if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
						int q = ny * width + nx;
						if (mask[q] && region[offset + q] == 0) {
							region[offset + q] = id;
							stack[top++] = q;
						}
					}
			}
			sizes.add(size);
		}
		return normal;
	}
}
