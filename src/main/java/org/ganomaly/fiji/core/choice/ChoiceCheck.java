package org.ganomaly.fiji.core.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parses all of a run's choices before it does any work, and fails once with every unknown word, so that a
 * pipeline with several typos learns of them all at once.
 */
public final class ChoiceCheck {

	private final List<String> problems = new ArrayList<>();

	/** The value a word names, or null when it names none (the problem is kept for {@link #done()}). */
	public <E extends Enum<E> & Word> E parse(String key, String text, Class<E> type) {
		return check(() -> Words.parse(key, text, type));
	}

	/** The value a parser gives, or null when it throws an IllegalArgumentException (kept for {@link #done()}). */
	public <T> T check(Supplier<T> parser) {
		try {
			return parser.get();
		} catch (IllegalArgumentException e) {
			problems.add(e.getMessage());
			return null;
		}
	}

	/** @throws IllegalArgumentException with every problem found, one sentence each */
	public void done() {
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join(" ", problems));
	}
}
