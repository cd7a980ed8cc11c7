package org.ganomaly.fiji.image;

/**
 * The calibration of one spatial or time axis of an {@link AxisImage}, as ImageJ keeps it.
 *
 * @param step the size of one pixel (the frame interval for TIME)
 * @param origin where the axis' zero lies, in pixels from the first one (ImageJ's x/y/z origin; 0 for TIME)
 * @param unit the unit of {@code step}, e.g. "µm" or "sec"
 */
public record AxisScale(double step, double origin, String unit) {}
