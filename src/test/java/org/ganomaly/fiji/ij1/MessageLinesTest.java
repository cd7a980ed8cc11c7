package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class MessageLinesTest {

	@Test
	public void longMessagesBreakAtSpacesWithinTheWidth() {
		String message = "The folder /data/screens/plate-0042/normal has no image that can be used: a.tif is empty "
				+ "(0 bytes), b.tif is not an image ImageJ can open, and c.tif ends before its image data does. Choose a "
				+ "folder of TIFF, PNG or JPEG images.";
		String wrapped = MessageLines.wrap(message);
		for (String line : wrapped.split("\n")) assertTrue(line, line.length() <= MessageLines.WIDTH);
		assertTrue(wrapped, wrapped.split("\n").length >= 3);
		assertEquals("only the spaces changed", message, wrapped.replace('\n', ' '));
	}

	@Test
	public void shortLinesAndExistingBreaksStay() {
		assertEquals("No model.\nChoose one.", MessageLines.wrap("No model.\nChoose one."));
	}

	@Test
	public void aWordLongerThanALineStaysWhole() {
		String path = "/" + "x".repeat(150) + ".tif";
		assertEquals("Cannot read\n" + path + "\nat all.", MessageLines.wrap("Cannot read " + path + " at all."));
	}
}
