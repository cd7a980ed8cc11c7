package org.ganomaly.fiji.spark;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ganomaly.fiji.image.FileImages;

/**
 * The image files the job's inputs name, in order, as fully qualified URIs (so that every executor finds the same
 * file): a folder gives its image files as Score Stack takes a folder's (not its subfolders, by name, no hidden
 * files); a glob gives what it matches, folders expanded; a {@code .txt} file gives the files it lists, one per line
 * (blank and '#' lines left out, relative paths against the list's folder), as Score Stack's source 'list'; any other
 * file is an image. Paths go through Hadoop's FileSystem: {@code file:}, {@code hdfs:}, {@code s3a:}... wherever the
 * cluster has the connector.
 */
final class InputFiles {

	private InputFiles() {}

	/** @throws IllegalArgumentException naming an input that does not exist or gives no files */
	static List<String> expand(List<String> inputs, Configuration conf) {
		List<String> files = new ArrayList<>();
		for (String input : inputs) {
			try {
				files.addAll(expand(input, conf));
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read input '" + input + "': " + e.getMessage(), e);
			}
		}
		return files;
	}

	private static List<String> expand(String input, Configuration conf) throws IOException {
		Path path = new Path(input);
		FileSystem fs = path.getFileSystem(conf);
		if (isGlob(input)) {
			FileStatus[] matches = fs.globStatus(path);
			if (matches == null || matches.length == 0)
				throw new IllegalArgumentException("Input '" + input + "' matches no files. Check the pattern.");
			List<String> files = new ArrayList<>();
			for (FileStatus match : matches)
				files.addAll(match.isDirectory() ? folder(fs, match.getPath(), input) : List.of(uri(match)));
			return files;
		}
		FileStatus status;
		try {
			status = fs.getFileStatus(path);
		} catch (FileNotFoundException e) {
			throw new IllegalArgumentException(
					"Input '" + input + "' does not exist. Give a folder, a glob, an image file or a .txt list.", e);
		}
		if (status.isDirectory()) return folder(fs, status.getPath(), input);
		if (status.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".txt")) return listed(fs, status, input);
		return List.of(uri(status));
	}

	private static boolean isGlob(String input) {
		return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
	}

	private static List<String> folder(FileSystem fs, Path folder, String input) throws IOException {
		FileStatus[] entries = fs.listStatus(folder);
		List<String> files = Arrays.stream(entries)
				.filter(FileStatus::isFile)
				.filter(s -> isImageName(s.getPath().getName()))
				.sorted(Comparator.comparing(s -> s.getPath().getName()))
				.map(InputFiles::uri)
				.toList();
		if (files.isEmpty())
			throw new IllegalArgumentException("Folder '" + folder + "' (input '" + input + "') holds no image files ("
					+ String.join(", ", FileImages.EXTENSIONS.stream().sorted().toList()) + ").");
		return files;
	}

	private static boolean isImageName(String name) {
		int dot = name.lastIndexOf('.');
		return !name.startsWith(".")
				&& dot > 0
				&& FileImages.EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	private static List<String> listed(FileSystem fs, FileStatus list, String input) throws IOException {
		Path base = list.getPath().getParent();
		List<String> files = new ArrayList<>();
		try (BufferedReader reader =
				new BufferedReader(new InputStreamReader(fs.open(list.getPath()), StandardCharsets.UTF_8))) {
			for (String line; (line = reader.readLine()) != null; ) {
				String entry = line.strip();
				if (entry.isEmpty() || entry.startsWith("#")) continue;
				Path file = new Path(entry);
				if (!file.isAbsolute() && file.toUri().getScheme() == null) file = new Path(base, file);
				files.add(file.getFileSystem(fs.getConf()).makeQualified(file).toString());
			}
		}
		if (files.isEmpty())
			throw new IllegalArgumentException("The file list '" + input + "' names no files. Write one image file "
					+ "per line (paths relative to the list's folder, or absolute).");
		return files;
	}

	private static String uri(FileStatus status) {
		return status.getPath().toString();
	}
}
