package org.ganomaly.fiji.updatesite;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Arguments of the command-line entries: {@code --name value} options and positional arguments. */
record CommandLine(Map<String, String> options, List<String> positional) {

	/** Exit status for bad arguments. */
	static final int USAGE_ERROR = 2;

	/**
	 * @param required options that must be given
	 * @param optional options that may be given
	 * @throws IllegalArgumentException for an unknown or missing option, an option
	 *           without value, or another number of positional arguments
	 */
	static CommandLine parse(
			final String[] args, final int positionalCount, final List<String> required, final List<String> optional) {
		final Map<String, String> options = new HashMap<>();
		final List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				positional.add(args[i]);
				continue;
			}
			if (!required.contains(args[i]) && !optional.contains(args[i])) {
				throw new IllegalArgumentException("unknown option " + args[i]);
			}
			if (i + 1 == args.length) throw new IllegalArgumentException(args[i] + " needs a value");
			options.put(args[i], args[++i]);
		}
		if (positional.size() != positionalCount) {
			throw new IllegalArgumentException(
					"expected " + positionalCount + " argument(s), got " + positional.size());
		}
		for (final String option : required) {
			if (!options.containsKey(option)) throw new IllegalArgumentException(option + " is required");
		}
		return new CommandLine(Map.copyOf(options), List.copyOf(positional));
	}

	/** Prints what is wrong and how to call the tool; returns {@link #USAGE_ERROR}. */
	static int usage(final PrintStream out, final IllegalArgumentException problem, final String usage) {
		out.println(problem.getMessage());
		out.println("Usage: " + usage);
		return USAGE_ERROR;
	}
}
