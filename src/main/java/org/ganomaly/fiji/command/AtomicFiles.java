package org.ganomaly.fiji.command;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Path;
import org.ganomaly.fiji.core.io.SafeWrite;

/**
 * Output files written whole or not at all ({@link SafeWrite}): a failure or a crash never leaves a half-written
 * file under the real name. An existing file of that name is replaced.
 */
final class AtomicFiles {

	/** Writes the content of a file to the path it is given. */
	interface Writer {
		void write(Path temp) throws IOException;
	}

	private AtomicFiles() {}

	static void write(Path target, Writer writer) throws IOException {
		SafeWrite.writeByName(target, true, writer::write);
	}

	/** Saves an image or stack as TIFF (with its slice labels and calibration). */
	static void writeTiff(ImagePlus imp, Path target) throws IOException {
		write(target, temp -> {
			if (!new FileSaver(imp).saveAsTiff(temp.toString()))
				throw new IOException("Could not write TIFF file '" + target + "'.");
		});
	}

	/** Saves an image (a plot) as PNG. */
	static void writePng(ImagePlus imp, Path target) throws IOException {
		write(target, temp -> {
			if (!new FileSaver(imp).saveAsPng(temp.toString()))
				throw new IOException("Could not write PNG file '" + target + "'.");
		});
	}
}
