package org.ganomaly.fiji.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A disk that fills up while a command runs, for real: a full 64 KB tmpfs mounted for the test (root only, as in
 * CI; skipped, saying so, where mounting is not allowed). The early check passes (empty files still fit), the
 * write then fails: the message names the file, nothing half-written or temporary is left, and a trained model is
 * saved elsewhere instead of lost.
 */
public class FullDiskTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path disk;

	@Before
	public void mountAFullDisk() throws Exception {
		disk = temp.newFolder("disk").toPath();
		boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString());
		if (!mounted) System.out.println("FullDiskTest: not run, cannot mount a tmpfs here (needs root).");
		Assume.assumeTrue("cannot mount a tmpfs here (needs root): the full-disk tests were not run", mounted);
		try {
			Files.write(disk.resolve("filler"), new byte[64 * 1024]);
		} catch (IOException full) {
			// full already, which is the point
		}
	}

	@After
	public void unmount() throws Exception {
		if (disk != null) run("umount", disk.toString());
	}

	@Test
	public void aTrainedModelThatDoesNotFitIsSavedElsewhereAndSaysWhere() throws Exception {
		Path model = disk.resolve("parts.ganomaly");
		Map<String, Object> in = Commands.tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 16, 31));
		String message = Commands.fail(TrainCommand.class, in);
		assertTrue(
				message,
				message.startsWith(
						"Could not write '" + model + "': No space left on device. It was not "
								+ "written; any earlier file of that name is unchanged. The trained model was saved instead to "));
		Matcher rescue = Pattern.compile("saved instead to (\\S+\\.ganomaly): move it where it belongs\\.")
				.matcher(message);
		assertTrue(message, rescue.find());
		Path saved = Path.of(rescue.group(1));
		try {
			assertEquals(16, ModelFile.readManifest(saved).network().image().size());
		} finally {
			Files.deleteIfExists(saved);
		}
		assertEquals("nothing left on the full disk but its filler", List.of("filler"), names(disk));
	}

	@Test
	public void scoresThatDoNotFitAreAnErrorNamingTheFileAndLeaveNothing() throws Exception {
		Path csv = disk.resolve("scores.csv");
		String message = Commands.fail(
				ScoreCommand.class,
				Commands.inputs(
						"input",
						DemoImages.normals("n", 16, 40, 32),
						"model",
						Commands.resizeModel().toFile(),
						"csv",
						csv.toFile(),
						"reconstructions",
						true,
						"anomaly_maps",
						true,
						"stacks_folder",
						disk.toFile(),
						"device",
						"cpu"));
		assertTrue(message, message.startsWith("Could not write '" + csv + "': No space left on device."));
		assertEquals(List.of("filler"), names(disk));
	}

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static boolean run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
	}
}
