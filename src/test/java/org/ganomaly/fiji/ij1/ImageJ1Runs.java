package org.ganomaly.fiji.ij1;

import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Shared by the tests that run plain ImageJ 1.x for real: the plugin jar built from target/classes, macros run by
 * {@code xvfb-run -a java -jar ij.jar -ijpath DIR -batch macro args} (ImageJ 1.x needs a display for its menus), and
 * image folders written as TIFFs.
 */
public final class ImageJ1Runs {

	private ImageJ1Runs() {}

	/** Fails (never skips) if {@code xvfb-run} is missing. */
	public static void requireXvfb() throws IOException, InterruptedException {
		assertTrue(
				"xvfb-run is needed to run ImageJ 1.x macros: install the Debian package xvfb (.ci/run installs it)",
				new ProcessBuilder("sh", "-c", "command -v xvfb-run").start().waitFor() == 0);
	}

	/** target/classes, where Maven compiled the plugin. */
	public static Path classes() {
		try {
			return Path.of(RunCommand.class
					.getProtectionDomain()
					.getCodeSource()
					.getLocation()
					.toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The plugin jar as Maven packages it: every file of target/classes, including plugins.config. */
	public static Path pluginJar(Path jar) throws IOException {
		Path classes = classes();
		assertTrue("plugins.config is packaged", Files.isRegularFile(classes.resolve("plugins.config")));
		jar(classes, jar);
		return jar;
	}

	/** The files of a folder as a jar. */
	public static void jar(Path folder, Path jar) throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.filter(Files::isRegularFile).sorted().forEach(files::add);
		}
		Files.createDirectories(jar.toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream zip = new JarOutputStream(out)) {
			for (Path file : files) {
				zip.putNextEntry(new JarEntry(folder.relativize(file).toString().replace(File.separatorChar, '/')));
				Files.copy(file, zip);
				zip.closeEntry();
			}
		}
	}

	/**
	 * Runs a macro file in ImageJ 1.x's batch mode under a virtual display, with only {@code ij.jar} on the JVM's class
	 * path (ImageJ adds {@code jars/} and {@code plugins/} of {@code imageJ} itself) and DJL offline.
	 *
	 * @param log receives what ImageJ printed
	 * @return what ImageJ printed
	 */
	public static String runMacro(Path ijJar, Path imageJ, Path macro, String arguments, Path log, long timeoutSeconds)
			throws IOException, InterruptedException {
		return runMacroForStatus(ijJar, imageJ, macro, arguments, log, timeoutSeconds)
				.log();
	}

	/** What a macro run printed, and ImageJ's exit status. */
	public record MacroRun(int exit, String log) {}

	/** {@link #runMacro}, keeping the exit status. */
	public static MacroRun runMacroForStatus(
			Path ijJar, Path imageJ, Path macro, String arguments, Path log, long timeoutSeconds)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(
						"xvfb-run",
						"-a",
						Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Dai.djl.offline=true",
						"-jar",
						ijJar.toString(),
						"-ijpath",
						imageJ.toString(),
						"-batch",
						macro.toAbsolutePath().toString(),
						arguments)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
		builder.environment().remove("CLASSPATH");
		Process process = builder.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new AssertionError(
					macro.getFileName() + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
		}
		return new MacroRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	/** Each slice of a stack as a TIFF file named after its label. */
	public static void writeSlices(ImagePlus stack, Path folder) throws IOException {
		Files.createDirectories(folder);
		for (int n = 1; n <= stack.getStackSize(); n++)
			IJ.saveAsTiff(
					new ImagePlus("", stack.getStack().getProcessor(n)),
					folder.resolve(stack.getStack().getSliceLabel(n) + ".tif").toString());
	}
}
