package org.ganomaly.fiji.updatesite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** What the Fiji integration tests share: a copy of the installation, and its launcher run to its end. */
final class FijiRuns {

	static final long TIMEOUT_SECONDS = 300;

	/** One launcher run: its exit status, and stdout and stderr together. */
	record Run(int exit, String output) {}

	private FijiRuns() {}

	/** A copy of the installation, with its files' permissions (the launcher must stay executable). */
	static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) Files.createDirectories(target);
				else Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		return to;
	}

	/**
	 * Runs {@code command} (the launcher and its arguments) without the build's CLASSPATH, its output logged in
	 * {@code folder}; a run that does not end in {@link #TIMEOUT_SECONDS} is killed and fails the test.
	 *
	 * @param environment changes the run's environment further
	 */
	static Run run(List<String> command, Path folder, Consumer<Map<String, String>> environment)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile(folder, "fiji", ".log");
		ProcessBuilder builder =
				new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().remove("CLASSPATH");
		environment.accept(builder.environment());
		Process process = builder.start();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s:\n"
					+ Files.readString(log));
		}
		return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}
}
