package org.ganomaly.fiji.updatesite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Arguments of the command-line entries: {@code --name value} options and positional arguments. */
record CommandLine(Map<String, String> options, List<String> positional) {

	/** @throws IllegalArgumentException for an unknown option or one without a value */
	static CommandLine parse(final String[] args, final String... optionNames) {
		final Set<String> known = Set.of(optionNames);
		final Map<String, String> options = new HashMap<>();
		final List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				positional.add(args[i]);
				continue;
			}
			if (!known.contains(args[i])) throw new IllegalArgumentException("unknown option " + args[i]);
			if (i + 1 == args.length) throw new IllegalArgumentException(args[i] + " needs a value");
			options.put(args[i], args[++i]);
		}
		return new CommandLine(Map.copyOf(options), List.copyOf(positional));
	}

	/**
	 * Parses, or prints the error and usage and exits with status 2.
	 *
	 * @param required options that must be given
	 * @param optional options that may be given
	 */
	static CommandLine parseOrExit(final String[] args, final String usage, final int positionalCount,
		final List<String> required, final List<String> optional)
	{
		try {
			final List<String> names = new ArrayList<>(required);
			names.addAll(optional);
			final CommandLine line = parse(args, names.toArray(String[]::new));
			if (line.positional().size() != positionalCount) {
				throw new IllegalArgumentException("expected " + positionalCount + " argument(s)");
			}
			for (final String option : required) {
				if (!line.options().containsKey(option)) throw new IllegalArgumentException(option + " is required");
			}
			return line;
		}
		catch (final IllegalArgumentException e) {
			System.err.println(e.getMessage());
			System.err.println("Usage: " + usage);
			System.exit(2);
			throw e;
		}
	}
}
