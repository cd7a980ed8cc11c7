package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.core.data.SyntheticImages.Kind;
import org.ganomaly.fiji.core.engine.install.LocalSite;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The first run as a user meets it, in a copy of the Fiji installation {@code FIJI_HOME} names, with the update site
 * built from this build and no libtorch: Score Stack and Train GANomaly stop in one line naming Install PyTorch
 * Engine; {@code --run "Install PyTorch Engine"} against a local copy of DJL's download site installs libtorch into
 * DJL's cache (DJL_CACHE_DIR, a temporary folder); a second run finds it; Score Stack then runs on it and scores as
 * the build does.
 * <p>
 * The site on 127.0.0.1 serves the real libtorch 2.7.1 CPU files, taken from the pytorch-native-cpu jar of the local
 * Maven repository and re-laid in DJL's download layout (gzipped, with a files.txt): the same files DJL's site has
 * for this build, without the internet. Every Fiji run gets {@code -Dai.djl.offline=true}: DJL itself never
 * downloads.
 */
public class FijiEngineInstallTest {

	private static final String NOT_INSTALLED = "libtorch (PyTorch's native library) is not installed: run Plugins > "
			+ "GANomaly > Install PyTorch Engine once";

	@ClassRule
	public static TemporaryFolder temp = new TemporaryFolder();

	private static Path fiji;
	private static Path djlCache;
	private static Path data;
	private static LocalSite site;

	@BeforeClass
	public static void installTheSiteWithoutLibtorch() throws Exception {
		String home = System.getProperty("fiji.home", System.getenv("FIJI_HOME"));
		Assume.assumeTrue(
				"FIJI_HOME names no Fiji installation: the engine install in Fiji was not run",
				home != null && !home.isBlank());
		Path root = temp.getRoot().toPath();
		fiji = FijiRuns.copy(Path.of(home), root.resolve("Fiji"));
		TestBuild.Site built = TestBuild.buildSite(root);
		assertEquals(
				0,
				fiji(
								"--update",
								"add-update-site",
								"GANomaly",
								built.folder().toUri().toString())
						.exit());
		assertEquals(0, fiji("--update", "deactivate-update-site", "ImageJ").exit());
		FijiRuns.Run update = fiji("--update", "update");
		assertFalse(update.output(), update.output().contains("[ERROR]"));
		try (Stream<Path> jars = Files.list(fiji.resolve("jars"))) {
			assertTrue(
					"no libtorch in the installation",
					jars.noneMatch(j -> j.getFileName().toString().startsWith("pytorch-native")));
		}
		Path siteRoot = root.resolve("djl-site");
		relayInDjlsLayout(built.classPath().jar("ai.djl.pytorch:pytorch-native-cpu"), siteRoot);
		site = new LocalSite(siteRoot);
		djlCache = root.resolve("djl-cache");

		data = root.resolve("data");
		TestBuild.writeImages(data.resolve("normal"), 1, Map.of(Kind.BLOBS, 24));
		TestBuild.writeImages(data.resolve("test"), 2, Map.of(Kind.BLOBS, 4, Kind.STRIPES, 2));
		TestBuild.run(
				TrainCommand.class,
				TestBuild.inputs(
						"source",
						"folder",
						"training_folder",
						data.resolve("normal").toFile(),
						"image_size",
						16,
						"nz",
						16,
						"nf",
						8,
						"batch_size",
						8,
						"epochs",
						1,
						"device",
						"cpu",
						"model",
						data.resolve("model.ganomaly").toFile()));
	}

	@AfterClass
	public static void stop() {
		if (site != null) site.close();
		TestBuild.disposeContext();
	}

	@Test
	public void scoreAndTrainStopUntilTheEngineIsInstalledThenScoreRunsOnIt() throws Exception {
		Path out = data.resolve("out");
		FijiRuns.Run stopped = fiji("--headless", "--run", "Score Stack", scoreArguments(out));
		assertEquals(stopped.output(), 1, stopped.exit());
		assertTrue(stopped.output(), stopped.output().contains("[ERROR] Score Stack: " + NOT_INSTALLED));
		assertFalse(Files.exists(out.resolve("scores.csv")));
		FijiRuns.Run train = fiji(
				"--headless",
				"--run",
				"Train GANomaly",
				"source='folder', training_folder='" + data.resolve("normal") + "', image_size=16, epochs=1, "
						+ "device='cpu', model='" + data.resolve("never.ganomaly") + "'");
		assertEquals(train.output(), 1, train.exit());
		assertTrue(train.output(), train.output().contains("[ERROR] Train GANomaly: " + NOT_INSTALLED));

		FijiRuns.Run install =
				fiji("--headless", "--run", "Install PyTorch Engine", "download_site='" + site.uri() + "'");
		assertEquals(install.output(), 0, install.exit());
		Path folder = djlCache.resolve("pytorch/2.7.1-cpu-linux-x86_64");
		assertTrue(
				install.output(),
				install.output().contains("Installing libtorch 2.7.1 (CPU build, linux-x86_64): 4 files"));
		assertTrue(install.output(), install.output().contains("DJL finds no CUDA GPU here"));
		assertTrue(
				install.output(),
				install.output().contains("Installed libtorch 2.7.1 (CPU build, linux-x86_64) in " + folder));
		assertTrue(install.output(), install.output().contains("runs libtorch from " + folder));
		assertTrue(install.output(), install.output().contains("device 'auto' will use cpu()"));
		assertTrue(install.output(), install.output().contains("convolutions: "));
		assertTrue(Files.isRegularFile(folder.resolve("libtorch.so")));
		// The install's Log lines, for the record of a run (sizes, time, device, kernels).
		install.output().lines().filter(line -> line.contains("[INFO]")).forEach(System.out::println);

		FijiRuns.Run again =
				fiji("--headless", "--run", "Install PyTorch Engine", "download_site='" + site.uri() + "'");
		assertEquals(again.output(), 0, again.exit());
		assertTrue(
				again.output(),
				again.output()
						.contains("libtorch is already installed: libtorch 2.7.1 (CPU build, " + "linux-x86_64) in "
								+ folder + ", from DJL's cache. Nothing to download."));

		FijiRuns.Run score = fiji("--headless", "--run", "Score Stack", scoreArguments(out));
		assertEquals(score.output(), 0, score.exit());
		TestBuild.assertSameScores(buildScores(), Files.readAllLines(out.resolve("scores.csv")), 6);
	}

	private static String scoreArguments(Path out) {
		return "source='folder', input_folder='" + data.resolve("test") + "', unreadable_files='skip', model='"
				+ data.resolve("model.ganomaly") + "', batchnorm='running', batch_size=64, threshold_rule='model', "
				+ "threshold=0.2, csv='" + out.resolve("scores.csv") + "', device='cpu'";
	}

	private static List<String> buildScores() throws Exception {
		Path csv = data.resolve("build/scores.csv");
		TestBuild.run(
				ScoreCommand.class,
				TestBuild.inputs(
						"source",
						"folder",
						"input_folder",
						data.resolve("test").toFile(),
						"unreadable_files",
						"skip",
						"model",
						data.resolve("model.ganomaly").toFile(),
						"batchnorm",
						"running",
						"batch_size",
						64,
						"threshold_rule",
						"model",
						"threshold",
						0.2,
						"csv",
						csv.toFile(),
						"device",
						"cpu"));
		return Files.readAllLines(csv);
	}

	/**
	 * The jar's libtorch files as DJL's site lays them out: {@code pytorch/2.7.1/files.txt} and
	 * {@code pytorch/2.7.1/cpu/linux-x86_64/native/lib/<file>.gz} (gzipped fast; the contents are what counts).
	 */
	private static void relayInDjlsLayout(Path nativeJar, Path root) throws IOException {
		Path version = root.resolve("pytorch/2.7.1");
		List<String> index = new ArrayList<>();
		try (JarFile jar = new JarFile(nativeJar.toFile())) {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String prefix = "pytorch/cpu/linux-x86_64/";
				if (entry.isDirectory() || !entry.getName().startsWith(prefix)) continue;
				String line = "cpu/linux-x86_64/native/lib/" + entry.getName().substring(prefix.length()) + ".gz";
				Path target = version.resolve(line);
				Files.createDirectories(target.getParent());
				try (InputStream in = jar.getInputStream(entry);
						OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16) {
							{
								def.setLevel(Deflater.BEST_SPEED);
							}
						}) {
					in.transferTo(out);
				}
				index.add(line);
			}
		}
		assertEquals("libtorch.so, libtorch_cpu.so, libc10.so and libgomp: " + index, 4, index.size());
		Files.write(version.resolve("files.txt"), index);
	}

	/** Runs the installation's launcher headless with DJL's cache in the test's folder, DJL offline. */
	private static FijiRuns.Run fiji(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(fiji.resolve("fiji").toString());
		if (!arguments[0].equals("--update")) command.add("-Dai.djl.offline=true");
		command.addAll(List.of(arguments));
		return FijiRuns.run(command, temp.getRoot().toPath(), environment -> {
			for (String name : List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION", "ENGINE_CACHE_DIR"))
				environment.remove(name);
			if (djlCache != null) environment.put("DJL_CACHE_DIR", djlCache.toString());
		});
	}
}
