package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;
import org.scijava.util.FileUtils;

public class UpdaterFilenamesTest {

	@Test
	public void stripsVersionsLikeTheUpdater() {
		for (final String name : List.of(
				"jars/api-0.36.0.jar",
				"jars/pytorch-engine-0.36.0.jar",
				"jars/pytorch-jni-2.7.1-0.36.0.jar",
				"plugins/GANomaly_-0.1.0.jar",
				"plugins/GANomaly_-0.1.0-SNAPSHOT.jar",
				"jars/ij-1.54p.jar",
				"jars/imglib2-7.1.5.jar",
				"jars/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
				"jars/jna-5.14.0.jar",
				"jars/commons-io-2.17.0.jar",
				"jars/Jama-1.0.3.jar",
				"jars/foo-1.0-natives-linux.jar",
				"jars/bar-20120101123456.jar",
				"plugins/GANomaly_.jar",
				"macros/GANomaly-1.0.ijm",
				"lib/linux64/libx.so")) {
			assertEquals(name, FileUtils.stripFilenameVersion(name), UpdaterFilenames.unversioned(name));
		}
	}

	@Test
	public void namesTheFilesWeShip() {
		assertEquals("jars/pytorch-jni.jar", UpdaterFilenames.unversioned("jars/pytorch-jni-2.7.1-0.36.0.jar"));
		assertEquals("plugins/GANomaly_.jar", UpdaterFilenames.unversioned("plugins/GANomaly_-0.1.0-SNAPSHOT.jar"));
		assertEquals("GANomaly_-0.1.0.jar", UpdaterFilenames.baseName("plugins/GANomaly_-0.1.0.jar"));
	}
}
