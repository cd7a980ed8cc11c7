package org.ganomaly.fiji.core.data;

import java.util.SplittableRandom;

/** Seeded shuffles (Fisher–Yates), the same on every machine and Java version. */
public final class Permutations {

	private Permutations() {}

	/** 0 … n−1 in the order {@code random} gives. */
	public static int[] shuffled(int n, SplittableRandom random) {
		int[] order = new int[n];
		for (int i = 0; i < n; i++) order[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		return order;
	}
}
