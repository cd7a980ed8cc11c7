package org.ganomaly.fiji.core.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.ganomaly.fiji.core.engine.Engines;

/**
 * Where the network runs. DJL finds a GPU through CUDA's runtime library and reports none, silently, when it
 * cannot load it, so a user can force the GPU; a forced GPU that does not work is an error, never a quiet
 * fall-back to the CPU.
 */
public enum DeviceChoice {
	AUTO,
	CPU,
	GPU;

	/** Parses "auto", "cpu" or "gpu" (case-insensitive). */
	public static DeviceChoice parse(String text) {
		for (DeviceChoice choice : values()) if (choice.name().equalsIgnoreCase(text.trim())) return choice;
		throw new IllegalArgumentException("Device must be auto, cpu or gpu, not '" + text + "'.");
	}

	public Device resolve() {
		Engine engine = Engines.pytorch();
		return switch (this) {
			case CPU -> Device.cpu();
			case GPU -> Device.gpu(0);
			case AUTO -> engine.getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
		};
	}
}
