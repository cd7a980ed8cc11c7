package org.ganomaly.fiji.core.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Whole files or none, with the permissions the umask gives, errors that name the target, no leftovers. */
public class SafeWriteTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void theFileGetsThePermissionsOfAnyNewFile() throws IOException {
		Path dir = temp.getRoot().toPath();
		Path reference = Files.createFile(dir.resolve("made-by-createFile"));
		Path written = dir.resolve("scores.csv");
		SafeWrite.write(written, false, out -> out.write("a,b\n".getBytes(StandardCharsets.UTF_8)));
		assertEquals("a,b\n", Files.readString(written));
		assertEquals(
				"the umask's permissions, as for any new file (not 0600)",
				Files.getPosixFilePermissions(reference),
				Files.getPosixFilePermissions(written));
		assertEquals(List.of("made-by-createFile", "scores.csv"), names(dir));
	}

	@Test
	public void aFailedWriteLeavesTheOldFileAndNoTemporaryAndNamesTheTarget() throws IOException {
		Path dir = temp.getRoot().toPath();
		Path target = dir.resolve("model.ganomaly");
		Files.writeString(target, "the earlier model");
		IOException e = assertThrows(
				IOException.class,
				() -> SafeWrite.write(target, true, out -> {
					out.write(new byte[1000]);
					throw new IOException("No space left on device");
				}));
		assertEquals(
				"Could not write '" + target + "': No space left on device. It was not written; any earlier file "
						+ "of that name is unchanged.",
				e.getMessage());
		assertEquals("the earlier model", Files.readString(target));
		assertEquals(List.of("model.ganomaly"), names(dir));
	}

	@Test
	public void anExistingFileIsReplacedOnlyWhenAllowed() throws IOException {
		Path target = temp.getRoot().toPath().resolve("m.ganomaly");
		Files.writeString(target, "old");
		assertThrows(FileAlreadyExistsException.class, () -> SafeWrite.write(target, false, out -> out.write(1)));
		assertEquals("old", Files.readString(target));
		SafeWrite.write(target, true, out -> out.write(new byte[] {'n', 'e', 'w'}));
		assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
	}

	@Test
	public void whatAKilledWriteLeftIsRemovedButAWriteInProgressIsNot() throws IOException {
		Path dir = temp.getRoot().toPath();
		Path stale = Files.writeString(dir.resolve(".m.ganomaly.0123456789abcdef.tmp"), "23 MB of a killed write");
		Path busy = dir.resolve(".m.ganomaly.fedcba9876543210.tmp");
		Path other = Files.writeString(dir.resolve(".notes.txt.0123456789abcdef.tmp"), "another target's");
		try (FileChannel channel = FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
				FileLock lock = channel.lock(Long.MAX_VALUE - 1, 1, false)) {
			SafeWrite.write(dir.resolve("m.ganomaly"), false, out -> out.write(1));
			assertFalse("the unlocked leftover is gone", Files.exists(stale));
			assertTrue("a locked one is being written", Files.exists(busy));
		}
		assertTrue("another target's temporary file is not touched", Files.exists(other));
	}

	@Test
	public void aFolderThatTakesNoFilesIsFoundBeforeAnyWork() throws IOException {
		Path notAFolder = Files.writeString(temp.getRoot().toPath().resolve("file"), "x");
		IOException e =
				assertThrows(IOException.class, () -> SafeWrite.checkWritable(notAFolder.resolve("m.ganomaly")));
		assertTrue(
				e.getMessage(),
				e.getMessage()
						.startsWith("Cannot write '" + notAFolder.resolve("m.ganomaly") + "': the folder " + notAFolder
								+ " does not take new files"));
		assertTrue(e.getMessage(), e.getMessage().endsWith("Choose a folder you can write to; nothing was done yet."));
		SafeWrite.checkWritable(temp.getRoot().toPath().resolve("ok.ganomaly"));
		assertEquals("the probe is gone", List.of("file"), names(temp.getRoot().toPath()));
	}

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
