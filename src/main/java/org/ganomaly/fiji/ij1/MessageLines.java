package org.ganomaly.fiji.ij1;

/**
 * Breaks a message into lines for ImageJ's message dialog, which shows each line of its text at full length: an
 * unbroken error naming a long path would be wider than the screen.
 */
final class MessageLines {

	/** Characters per line: about 600 px in ImageJ's dialog font. */
	static final int WIDTH = 90;

	private MessageLines() {}

	/** The message with line breaks at spaces before {@link #WIDTH} characters; longer words stay whole. */
	static String wrap(String message) {
		StringBuilder out = new StringBuilder(message.length() + 16);
		for (String paragraph : message.split("\n", -1)) {
			if (out.length() > 0) out.append('\n');
			int lineStart = out.length();
			for (String word : paragraph.split(" ")) {
				if (word.isEmpty()) continue;
				if (out.length() > lineStart) {
					if (out.length() - lineStart + 1 + word.length() > WIDTH) {
						out.append('\n');
						lineStart = out.length();
					} else out.append(' ');
				}
				out.append(word);
			}
		}
		return out.toString();
	}
}
