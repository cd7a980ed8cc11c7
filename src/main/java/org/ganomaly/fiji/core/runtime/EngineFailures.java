package org.ganomaly.fiji.core.runtime;

import ai.djl.engine.EngineException;

/**
 * What a user can do about an error of the deep-learning engine (PyTorch through DJL): running out of GPU memory
 * gets the settings that lower it; anything else names the engine's own first line, without its C++ stack trace.
 */
public final class EngineFailures {

	private EngineFailures() {}

	public static String explain(EngineException e) {
		String message = e.getMessage() == null ? e.toString() : e.getMessage();
		String first = message.lines().findFirst().orElse(message).trim();
		if (message.contains("out of memory"))
			return "The GPU ran out of memory (" + first + "). Lower the batch size, or the image size of a new "
					+ "model, close other programs using the GPU, or choose device 'cpu'.";
		return "The PyTorch engine failed: " + first
				+ (message.contains("CUDA")
						? " Check the GPU's driver and CUDA " + "installation, or choose device 'cpu'."
						: " Please report it with the Log and the console output.");
	}
}
