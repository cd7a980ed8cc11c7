package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RuntimeArtifactTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void readsMavenDependencyListOutput() throws Exception {
		final Path list = tmp.newFile("deps.txt").toPath();
		Files.writeString(
				list,
				String.join(
						"\n",
						"",
						"The following files have been resolved:",
						"   ai.djl:api:jar:0.36.0:compile:/m2/ai/djl/api/0.36.0/api-0.36.0.jar -- module ai.djl.api [auto]",
						"   ai.djl.pytorch:pytorch-jni:jar:2.7.1-0.36.0:runtime:/m2/pytorch-jni-2.7.1-0.36.0.jar",
						"   ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1:test:/m2/native.jar -- module x",
						""));

		assertEquals(
				List.of(
						new RuntimeArtifact(
								"ai.djl",
								"api",
								"jar",
								"",
								"0.36.0",
								"compile",
								Path.of("/m2/ai/djl/api/0.36.0/api-0.36.0.jar")),
						new RuntimeArtifact(
								"ai.djl.pytorch",
								"pytorch-jni",
								"jar",
								"",
								"2.7.1-0.36.0",
								"runtime",
								Path.of("/m2/pytorch-jni-2.7.1-0.36.0.jar")),
						new RuntimeArtifact(
								"ai.djl.pytorch",
								"pytorch-native-cpu",
								"jar",
								"linux-x86_64",
								"2.7.1",
								"test",
								Path.of("/m2/native.jar"))),
				RuntimeArtifact.readDependencyList(list));
	}

	@Test(expected = IOException.class)
	public void refusesAListWithoutFiles() throws Exception {
		final Path list = tmp.newFile("deps.txt").toPath();
		Files.writeString(list, "   ai.djl:api:jar:0.36.0:compile\n");
		RuntimeArtifact.readDependencyList(list);
	}
}
