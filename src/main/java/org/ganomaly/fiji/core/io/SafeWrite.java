package org.ganomaly.fiji.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writing a file so that it appears whole or not at all: the content goes to a hidden temporary file beside the
 * target ({@code .NAME.<random>.tmp}), is forced to disk, and is renamed into place. Unlike
 * {@code Files.createTempFile} (always mode 0600), the temporary file is created as any new file, so the result has
 * the permissions the umask gives (0644 under 022), as ImageJ's own saves do. While it is written the temporary
 * file is locked; each write first deletes the unlocked temporary files an earlier, killed write of the same target
 * left behind. Errors name the target, never the temporary file.
 */
public final class SafeWrite {

	/** Writes the content of a file to the stream it is given. */
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	/** Writes the content of a file to the path it is given (for writers that open files by name). */
	public interface PathContent {
		void writeTo(Path temp) throws IOException;
	}

	/** The one byte locked, far beyond any content, so that on Windows (mandatory locks) writes still go through. */
	private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

	private SafeWrite() {}

	/** Writes {@code target} from a stream; replaces an existing file only if {@code replace}. */
	public static void write(Path target, boolean replace, Content content) throws IOException {
		writeByName(target, replace, temp -> {
			try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
				content.writeTo(out);
			}
		});
	}

	/** Writes {@code target} through a writer that opens the file itself; replaces it only if {@code replace}. */
	public static void writeByName(Path target, boolean replace, PathContent content) throws IOException {
		Path absolute = target.toAbsolutePath();
		Path dir = absolute.getParent();
		try {
			Files.createDirectories(dir);
		} catch (IOException e) {
			throw failed(absolute, e);
		}
		if (!replace && Files.exists(absolute))
			throw new FileAlreadyExistsException(
					absolute.toString(), null, "a file is already there; choose another name or allow overwriting");
		removeLeftovers(absolute);
		Path temp = dir.resolve("." + absolute.getFileName() + "."
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
				FileLock lock = channel.lock(LOCK_POSITION, 1, false)) {
			content.writeTo(temp);
			channel.force(true);
			move(temp, absolute, replace);
		} catch (FileAlreadyExistsException e) {
			throw e;
		} catch (IOException e) {
			throw failed(absolute, e);
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Fails early, before long work, if a file cannot be created in {@code target}'s folder (read-only, missing
	 * rights): creates and deletes a probe file there.
	 */
	public static void checkWritable(Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		try {
			Files.createDirectories(absolute.getParent());
			Path probe = Files.createFile(absolute.resolveSibling("." + absolute.getFileName() + ".probe-"
					+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp"));
			Files.delete(probe);
		} catch (IOException e) {
			throw new IOException(
					"Cannot write '" + absolute + "': the folder " + absolute.getParent()
							+ " does not take new files (" + reason(e)
							+ "). Choose a folder you can write to; nothing was done "
							+ "yet.",
					e);
		}
	}

	/** Deletes what killed writes of {@code target} left: its temporary files that no writer holds locked. */
	static void removeLeftovers(Path target) {
		String prefix = "." + target.getFileName() + ".";
		try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), prefix + "*.tmp")) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (name.length() != prefix.length() + 16 + ".tmp".length()) continue; // not one of ours
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
						FileLock lock = channel.tryLock(LOCK_POSITION, 1, false)) {
					if (lock != null) Files.deleteIfExists(file);
				} catch (OverlappingFileLockException e) {
					// being written by this JVM
				}
			}
		} catch (IOException e) {
			// best effort: a leftover stays until the next write
		}
	}

	private static void move(Path temp, Path target, boolean replace) throws IOException {
		StandardCopyOption[] atomic = replace
				? new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
				: new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE};
		try {
			Files.move(temp, target, atomic);
		} catch (AtomicMoveNotSupportedException e) {
			if (replace) Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			else Files.move(temp, target);
		}
	}

	private static IOException failed(Path target, IOException e) {
		return new IOException(
				"Could not write '" + target + "': " + reason(e) + ". It was not written; any earlier "
						+ "file of that name is unchanged.",
				e);
	}

	/** What went wrong, without the temporary file's name that java.nio puts first. */
	private static String reason(IOException e) {
		String message = e.getMessage();
		if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) message = fs.getReason();
		if (e instanceof java.nio.file.AccessDeniedException) message = "permission denied";
		return message == null ? e.getClass().getSimpleName() : message;
	}
}
