package org.ganomaly.fiji.core.engine.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the installer writes the files it unpacks: {@link #files()} on disk; tests supply one that fails. */
@FunctionalInterface
public interface FileSink {

	/** A new file to write. */
	OutputStream create(Path file) throws IOException;

	/** Files on disk, each created new. */
	static FileSink files() {
		return file -> Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}
}
