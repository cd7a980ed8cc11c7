package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.ganomaly.fiji.command.GanomalyCommand;
import org.junit.Test;
import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;
import org.scijava.log.LogSource;

/** What the Log window gets: a fault's stack trace with its message, where the message tells the user to look. */
public class LogBridgeTest {

	private static final LogSource SOURCE = LogSource.newRoot().subSource(GanomalyCommand.LOGGER);

	@Test
	public void aFaultComesWithItsStackTrace() {
		IllegalStateException fault = new IllegalStateException("broken invariant");
		String text = LogBridge.text(new LogMessage(SOURCE, LogLevel.ERROR, "Score Stack: Unexpected error", fault));
		assertTrue(text, text.startsWith("Error: Score Stack: Unexpected error\njava.lang.IllegalStateException: "));
		assertTrue(text, text.contains("\tat " + LogBridgeTest.class.getName() + ".aFaultComesWithItsStackTrace("));
	}

	@Test
	public void aMessageAloneIsOneLine() {
		assertEquals(
				"Warning: three files skipped",
				LogBridge.text(new LogMessage(SOURCE, LogLevel.WARN, "three files skipped", null)));
	}
}
