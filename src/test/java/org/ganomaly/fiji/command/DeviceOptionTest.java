package org.ganomaly.fiji.command;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands take gpu:N; here, with no usable GPU, a forced GPU is a clear error, never a quiet CPU run. */
public class DeviceOptionTest {

	@Rule
	public final TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void scoreStackOnGpu1IsAnErrorNamingThatGpu() throws Exception {
		String message = Commands.fail(
				ScoreCommand.class,
				Commands.inputs(
						"input",
						DemoImages.normals("one", 16, 2, 3),
						"model",
						Commands.resizeModel().toFile(),
						"device",
						"gpu:1"));
		assertTrue(message, message.contains("gpu(1)"));
		assertTrue(message, message.contains("choose device 'cpu'"));
	}

	@Test
	public void trainOnGpu2IsAnErrorNamingThatGpu() throws Exception {
		java.nio.file.Path model = temp.getRoot().toPath().resolve("never-written.ganomaly");
		Map<String, Object> in = Commands.tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 16, 4));
		in.put("device", "gpu:2");
		String message = Commands.fail(TrainCommand.class, in);
		assertTrue(message, message.contains("gpu(2)"));
		assertTrue(message, message.contains("choose device 'cpu'"));
		assertTrue("no model written", !Files.exists(model));
	}
}
