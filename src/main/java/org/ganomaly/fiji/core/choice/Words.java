package org.ganomaly.fiji.core.choice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parses the word of a choice, and lists a choice's words. */
public final class Words {

	private Words() {}

	/**
	 * The value {@code text} names (case and surrounding blanks ignored).
	 *
	 * @param key the choice's name as the caller's user gives it ({@code threshold_rule}, {@code --threshold-rule})
	 * @throws IllegalArgumentException naming the key, the word and the allowed words
	 */
	public static <E extends Enum<E> & Word> E parse(String key, String text, Class<E> type) {
		String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
		for (E value : type.getEnumConstants()) if (value.word().equals(word)) return value;
		throw new IllegalArgumentException(
				key + " must be " + alternatives(of(type)) + ", not '" + (text == null ? "" : text) + "'.");
	}

	/** The words of a choice, in its order. */
	public static <E extends Enum<E> & Word> List<String> of(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(Word::word).toList();
	}

	/** "a", "a or b", "a, b or c". */
	static String alternatives(List<String> words) {
		if (words.size() == 1) return words.get(0);
		return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
	}
}
