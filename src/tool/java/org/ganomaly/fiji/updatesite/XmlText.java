package org.ganomaly.fiji.updatesite;

/** Indented XML text, attributes in the order given; a null attribute value leaves the attribute out. */
final class XmlText {

	private static final String INDENT = "    ";

	private final StringBuilder text = new StringBuilder();

	void line(final int depth, final String line) {
		text.append(INDENT.repeat(depth)).append(line).append('\n');
	}

	void open(final int depth, final String tag, final String... attributes) {
		line(depth, "<" + tag + attributes(attributes) + ">");
	}

	void close(final int depth, final String tag) {
		line(depth, "</" + tag + ">");
	}

	void empty(final int depth, final String tag, final String... attributes) {
		line(depth, "<" + tag + attributes(attributes) + "/>");
	}

	void element(final int depth, final String tag, final String content) {
		line(depth, "<" + tag + ">" + escape(content) + "</" + tag + ">");
	}

	@Override
	public String toString() {
		return text.toString();
	}

	private static String attributes(final String... namesAndValues) {
		final StringBuilder result = new StringBuilder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] == null) continue;
			result.append(' ')
					.append(namesAndValues[i])
					.append("=\"")
					.append(escape(namesAndValues[i + 1]))
					.append('"');
		}
		return result.toString();
	}

	static String escape(final String value) {
		final StringBuilder result = new StringBuilder(value.length());
		for (final char c : value.toCharArray()) {
			switch (c) {
				case '&' -> result.append("&amp;");
				case '<' -> result.append("&lt;");
				case '>' -> result.append("&gt;");
				case '"' -> result.append("&quot;");
				case '\n' -> result.append("&#10;");
				case '\t' -> result.append("&#9;");
				case '\r' -> result.append("&#13;");
				default -> {
					if (c < 0x20) throw new IllegalArgumentException("XML 1.0 cannot hold the character U+" + (int) c);
					result.append(c);
				}
			}
		}
		return result.toString();
	}
}
