package org.ganomaly.fiji.command;

import static org.junit.Assert.assertFalse;

import org.junit.Test;

/**
 * A program that embeds the commands (here: the test JVM, as PyImageJ or a script server would) is never made to exit
 * by a failing command; the runs that are (Fiji's -batch and headless --run, ImageJ 1.x's -batch) are checked end to
 * end by FijiInstallationTest and Ij1MacroTest.
 */
public class CommandLineRunTest {

	@Test
	public void anEmbeddingJvmDoesNotEndWithACommandLine() {
		assertFalse(CommandLineRun.endsWithCommandLine(Commands.context()));
		assertFalse(CommandLineRun.endsWithCommandLine(null));
	}

	@Test
	public void aFailedCommandLeavesTheEmbeddingJvmRunning() {
		String message = Commands.fail(
				ScoreCommand.class,
				Commands.inputs(
						"source",
						"folder",
						"input_folder",
						null,
						"model",
						new java.io.File("/nonexistent/missing.ganomaly"),
						"device",
						"cpu"));
		assertFalse(message, message.isEmpty());
		// Still here: CommandLineRun.failed did not exit.
	}
}
