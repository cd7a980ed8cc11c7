package org.ganomaly.fiji.core.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The switches away from faulty oneDNN kernels, forced whatever the CPU, each in a JVM of its own (libtorch's
 * oneDNN switch is process-wide): each is announced with its reason and trains finitely and repeatably, and a
 * machine where no kernels pass refuses to run.
 */
public class ConvolutionFallbackTest {

	@Test
	public void oneDnnFaultyOnUnalignedChannelsRunsWithPaddedChannels() throws Exception {
		Run run = run("unpadded-faulty");
		assertEquals(run.output, 0, run.exit);
		assertTrue(
				run.output,
				run.line("kernels: ")
						.matches(
								"oneDNN with filters padded to a multiple of 16, inputs of more than 16 channels to a multiple "
										+ "of 32, checked \\(\\d+ convolutions, [^)]*\\); unpadded, oneDNN is not used because it computed "
										+ "wrongly on this CPU .*"));
		assertEquals(run.output, "true", run.line("oneDNN enabled: "));
		assertRepeatableAndFinite(run);
	}

	@Test
	public void faultyOneDnnIsSwitchedOffAndTrainingIsCorrectAndRepeatable() throws Exception {
		Run run = run("onednn-faulty");
		assertEquals(run.output, 0, run.exit);
		assertTrue(
				run.output,
				run.line("kernels: ")
						.matches(
								"PyTorch's own kernels, checked \\(\\d+ convolutions, [^)]*\\); oneDNN is off because it "
										+ "computed wrongly on this CPU .*"));
		assertEquals(run.output, "false", run.line("oneDNN enabled: "));
		assertRepeatableAndFinite(run);
	}

	private static void assertRepeatableAndFinite(Run run) {
		List<String> losses = run.lines("losses: ");
		assertEquals(2, losses.size());
		assertEquals("same seed, same losses", losses.get(0), losses.get(1));
		assertTrue(losses.get(0), losses.get(0).startsWith("[Losses[generator="));
		assertFalse(
				losses.get(0), losses.get(0).contains("NaN") || losses.get(0).contains("Infinity"));
	}

	@Test
	public void noCorrectKernelsIsAClearErrorBeforeAnythingRuns() throws Exception {
		Run run = run("all-faulty");
		assertEquals(run.output, 3, run.exit);
		String error = run.line("error: ");
		assertTrue(error, error.contains("computes convolutions wrongly on this CPU"));
		assertTrue(error, error.contains("with oneDNN (also with padded channels) and with its own kernels"));
		assertTrue(error, error.contains("please report"));
	}

	private record Run(int exit, String output) {

		String line(String prefix) {
			List<String> found = lines(prefix);
			assertEquals(output, 1, found.size());
			return found.get(0);
		}

		List<String> lines(String prefix) {
			return output.lines()
					.filter(l -> l.startsWith(prefix))
					.map(l -> l.substring(prefix.length()))
					.toList();
		}
	}

	private static Run run(String mode) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(
						Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Dai.djl.offline=true",
						"-cp",
						System.getProperty("java.class.path"),
						FallbackRun.class.getName(),
						mode)
				.redirectErrorStream(true)
				.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("FallbackRun " + mode + " did not end within 3 minutes");
		}
		return new Run(
				process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}
}
