package org.ganomaly.fiji.image;

/**
 * What a dimension of an {@link AxisImage} means. Every image has X and Y; CHANNEL, Z and TIME are optional (a
 * missing one counts as size 1). imglib2 itself gives dimensions no meaning, hence this small set.
 */
public enum Axis {
	X,
	Y,
	CHANNEL,
	Z,
	TIME
}
