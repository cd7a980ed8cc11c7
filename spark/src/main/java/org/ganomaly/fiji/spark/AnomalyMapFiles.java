package org.ganomaly.fiji.spark;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * Each input file's anomaly maps as one TIFF (a slice per sample, labelled as Score Stack labels them) in the maps
 * folder, named by the file's place in the input and its name ({@code 00000042-part.tif}), so that files of the same
 * name in different folders do not collide. A map appears whole or not at all: written beside it under a name of
 * the task attempt and renamed, so a retried task replaces it with the same content.
 */
final class AnomalyMapFiles {

	private final Path folder;
	private final Configuration conf;

	AnomalyMapFiles(String folder, Configuration conf) {
		this.folder = new Path(folder);
		this.conf = conf;
	}

	/** Where the maps of input file {@code index} go. */
	String uri(int index, String source) {
		String name = new Path(source).getName();
		int dot = name.lastIndexOf('.');
		String base = dot > 0 ? name.substring(0, dot) : name;
		return new Path(folder, String.format(Locale.ROOT, "%08d-%s.tif", index + 1, base)).toString();
	}

	void write(ImagePlus maps, String uri) {
		Path target = new Path(uri);
		TaskContext task = TaskContext.get();
		Path temp = new Path(folder, "." + target.getName() + "." + (task == null ? 0 : task.taskAttemptId()) + ".tmp");
		try {
			FileSystem fs = target.getFileSystem(conf);
			// Hadoop's local file system would add a hidden .crc file beside every map.
			if (fs instanceof LocalFileSystem local) fs = local.getRaw();
			try (OutputStream out = fs.create(temp, true)) {
				out.write(new FileSaver(maps).serialize());
			}
			if (fs.exists(target)) fs.delete(target, false);
			if (!fs.rename(temp, target)) throw new IOException("could not rename " + temp + " to " + target);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not write the anomaly maps '" + uri + "': " + e.getMessage(), e);
		}
	}
}
