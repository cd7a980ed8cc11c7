package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.BeforeClass;
import org.junit.Test;

/** The shipping decision for today's runtime dependencies, read from the real pom-scijava 41.0.0. */
public class FijiCoreTest {

	private static FijiCore fiji;

	@BeforeClass
	public static void readTheBillOfMaterials() throws Exception {
		// ij's jar lies at <repository>/net/imagej/ij/<version>/; the BOM is in the same local repository.
		final Path ijJar = Path.of(
				ij.IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		final Path repository =
				ijJar.getParent().getParent().getParent().getParent().getParent();
		final Path bom = repository.resolve("org/scijava/pom-scijava/41.0.0/pom-scijava-41.0.0.pom");
		assertTrue("the parent POM is in the local repository: " + bom, Files.isRegularFile(bom));
		fiji = FijiCore.fromBom(bom);
	}

	@Test
	public void fijiShipsTheSciJavaStackAndTheLibrariesDjlShares() {
		assertEquals(Optional.of("1.54p"), fiji.version("net.imagej", "ij"));
		assertEquals(Optional.of("2.10.1"), fiji.version("com.google.code.gson", "gson"));
		assertEquals(Optional.of("5.14.0"), fiji.version("net.java.dev.jna", "jna"));
		assertEquals(Optional.of("1.7.36"), fiji.version("org.slf4j", "slf4j-api"));
		assertEquals(Optional.of("1.27.1"), fiji.version("org.apache.commons", "commons-compress"));
		assertEquals(Optional.of("1.17.1"), fiji.version("commons-codec", "commons-codec"));
		assertEquals(Optional.of("2.17.0"), fiji.version("commons-io", "commons-io"));
		assertTrue(fiji.ships("org.scijava", "scijava-common"));
		assertTrue(fiji.ships("org.scijava", "parsington"));
		assertTrue(fiji.ships("net.imglib2", "imglib2"));
	}

	@Test
	public void fijiLacksDeepJavaLibrary() {
		assertFalse(fiji.ships("ai.djl", "api"));
		assertFalse(fiji.ships("ai.djl.pytorch", "pytorch-engine"));
		assertFalse(fiji.ships("ai.djl.pytorch", "pytorch-jni"));
	}

	@Test
	public void knowsCoreJarsByTheirSiteName() {
		assertTrue(fiji.hasJar("jars/ij-1.54p.jar"));
		assertTrue(fiji.hasJar("jars/gson-2.10.1.jar"));
		assertFalse(fiji.hasJar("jars/api-0.36.0.jar"));
		assertFalse("only jars/ holds core jars", fiji.hasJar("plugins/ij-1.54p.jar"));
	}
}
