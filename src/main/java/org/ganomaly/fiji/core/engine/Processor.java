package org.ganomaly.fiji.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CPU this JVM runs on, as /proc/cpuinfo names it (model and family), for messages and logs. */
final class Processor {

	private Processor() {}

	static String describe() {
		String model = null, family = null;
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			for (String line : lines) {
				if (model == null && line.startsWith("model name")) model = value(line);
				if (family == null && line.startsWith("cpu family")) family = value(line);
			}
		} catch (IOException | RuntimeException e) {
			// not Linux, or not readable: fall back on what Java knows
		}
		if (model == null) return System.getProperty("os.arch") + " CPU";
		return family == null ? model : model + ", family " + family;
	}

	private static String value(String line) {
		return line.substring(line.indexOf(':') + 1).trim();
	}
}
