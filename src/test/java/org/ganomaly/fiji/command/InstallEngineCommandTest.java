package org.ganomaly.fiji.command;

import static org.ganomaly.fiji.command.Commands.inputs;
import static org.ganomaly.fiji.command.Commands.succeed;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;

/**
 * Install PyTorch Engine in-process, where the test class path carries the pytorch-native-cpu jar: the command
 * finds that libtorch, never asks the download site (an address where nothing answers), and reports the engine's
 * folder, device and convolution check. The download itself is tested in LibtorchInstallerTest and, in Fiji, in
 * FijiEngineInstallTest.
 */
public class InstallEngineCommandTest {

	@Test
	public void aNativeJarOnTheClassPathIsFoundAndUsedWithoutADownload() {
		List<String> log = new CopyOnWriteArrayList<>();
		LogListener listener = message -> log.add(message.text());
		LogService logs = Commands.context().service(LogService.class);
		logs.addLogListener(listener);
		try {
			succeed(InstallEngineCommand.class, inputs("download_site", "http://127.0.0.1:1/nothing-here/"));
		} finally {
			logs.removeLogListener(listener);
		}
		String text = String.join("\n", log);
		assertTrue(text, text.contains("libtorch is already installed: libtorch 2.7.1-"));
		assertTrue(
				text,
				text.contains(", from a native jar on the class path (DJL unpacks it into its cache). "
						+ "Nothing to download."));
		assertTrue(text, text.contains("PyTorch engine 2.7.1 runs libtorch from "));
		assertTrue(text, text.contains("device 'auto' will use cpu()"));
		assertTrue(text, text.contains("(convolutions: "));
	}
}
