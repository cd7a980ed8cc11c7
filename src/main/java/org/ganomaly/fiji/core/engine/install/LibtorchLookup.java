package org.ganomaly.fiji.core.engine.install;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which libtorch DJL 0.36's PyTorch engine would load here, found the way its {@code ai.djl.pytorch.jni.LibUtils}
 * looks, without loading anything: the folder {@code PYTORCH_LIBRARY_PATH} names, else a native jar on the class
 * path, else DJL's cache folder for the build that fits the machine. Where DJL would find nothing it downloads
 * libtorch, silently; {@link #requireInstalled} stops before that with one line naming the install command.
 */
public final class LibtorchLookup {

	/** The command that installs libtorch, as its menu entry and macros name it. */
	public static final String INSTALL_COMMAND = "Install PyTorch Engine";

	/** Where the libtorch DJL loads comes from. */
	public enum Source {
		LIBRARY_PATH("the folder PYTORCH_LIBRARY_PATH names"),
		NATIVE_JAR("a native jar on the class path (DJL unpacks it into its cache)"),
		CACHE("DJL's cache");

		private final String description;

		Source(String description) {
			this.description = description;
		}

		@Override
		public String toString() {
			return description;
		}
	}

	/** What the lookup found. */
	public sealed interface Result permits Found, Missing {}

	/** libtorch DJL will load, from {@code folder}. */
	public record Found(Source source, Path folder, String build) implements Result {
		@Override
		public String toString() {
			return build + " in " + folder + ", from " + source;
		}
	}

	/** Nothing DJL would load without downloading: {@code wanted} says what it would look for, {@code why} why. */
	public record Missing(Wanted wanted, String why) implements Result {}

	/**
	 * The build DJL wants before it reads the list of published builds: its flavor may still change to an older
	 * CUDA build or to the CPU build ({@link #chooseFlavor}).
	 *
	 * @param override whether PYTORCH_FLAVOR set the flavor (then a CUDA build must match exactly)
	 * @param precxx11 "-precxx11" when DJL asks for that ABI (PYTORCH_PRECXX11), else ""
	 */
	public record Wanted(String version, String flavor, String classifier, boolean override, String precxx11) {
		LibtorchBuild build(String chosenFlavor) {
			return new LibtorchBuild(version, chosenFlavor, classifier);
		}
	}

	private LibtorchLookup() {}

	/** What DJL would load on {@code machine}. */
	public static Result find(Machine machine) {
		String libraryPath = machine.setting("PYTORCH_LIBRARY_PATH");
		String ignored = "";
		if (libraryPath != null) {
			Path folder = libraryFolder(libraryPath);
			if (folder != null) return onLibraryPath(machine, folder);
			ignored = " PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no " + LibtorchBuild.MAIN_LIBRARY
					+ ", so DJL ignores it.";
		}
		Wanted wanted = wanted(machine);
		LibtorchBuild jar = machine.nativeJar();
		boolean otherVersion = !(jar != null ? jar.version() : machine.version()).startsWith(wanted.version());
		if (jar != null && !otherVersion)
			return new Found(Source.NATIVE_JAR, machine.cacheDir().resolve(jar.folderName()), jar.toString());

		LibtorchBuild build = wanted.build(wanted.flavor());
		if (complete(machine, build)) return found(machine, build);
		if (build.isCuda()) {
			// DJL falls back to an older CUDA build or the CPU build, as listed in the index it saved.
			Path index = indexFile(machine.cacheDir(), wanted.version());
			if (Files.isRegularFile(index)) {
				LibtorchBuild chosen = wanted.build(chooseFlavor(wanted, readLines(index)));
				if (complete(machine, chosen)) return found(machine, chosen);
				build = chosen;
			}
		}
		return new Missing(
				wanted,
				"DJL finds no " + build + " in " + machine.cacheDir().resolve(build.folderName()) + " and no native jar"
						+ " on the class path." + ignored);
	}

	/** The libtorch DJL will load, or an IllegalStateException in one line that says how to install it. */
	public static Found requireInstalled(Machine machine) {
		Result result = find(machine);
		if (result instanceof Found found) return found;
		throw new IllegalStateException(
				"libtorch (PyTorch's native library) is not installed: run Plugins > GANomaly > "
						+ INSTALL_COMMAND + " once (run(\"" + INSTALL_COMMAND
						+ "\") in a macro); offline, see the README, "
						+ "Installing libtorch. " + ((Missing) result).why());
	}

	/** The build DJL asks for, from the machine and the PYTORCH_VERSION, PYTORCH_FLAVOR, PYTORCH_PRECXX11 settings. */
	static Wanted wanted(Machine machine) {
		String version = machine.version();
		String overrideVersion = machine.setting("PYTORCH_VERSION");
		if (overrideVersion != null && !version.startsWith(overrideVersion)) version = overrideVersion;
		String flavor = machine.setting("PYTORCH_FLAVOR");
		if (flavor != null)
			return new Wanted(
					version, flavor, machine.classifier(), true, flavor.endsWith("-precxx11") ? "-precxx11" : "");
		String precxx11 = Boolean.parseBoolean(machine.setting("PYTORCH_PRECXX11")) ? "-precxx11" : "";
		return new Wanted(version, machine.flavor() + precxx11, machine.classifier(), false, precxx11);
	}

	/**
	 * The flavor DJL settles on given the lines of the published {@code files.txt}: a CPU flavor as asked; a CUDA
	 * flavor becomes the newest CUDA build not newer than the machine's CUDA (exactly it when PYTORCH_FLAVOR set it),
	 * else the CPU build.
	 */
	static String chooseFlavor(Wanted wanted, List<String> index) {
		if (!wanted.flavor().startsWith("cu")) return wanted.flavor();
		int cuda = Integer.parseInt(wanted.flavor().substring(2, 5));
		Pattern published = Pattern.compile("cu(\\d\\d\\d)"
				+ Pattern.quote(wanted.precxx11() + '/' + wanted.classifier() + "/native/lib/"
						+ LibtorchBuild.MAIN_LIBRARY + ".gz"));
		List<Integer> builds = new ArrayList<>();
		for (String line : index) {
			Matcher m = published.matcher(line.trim());
			if (m.matches()) builds.add(Integer.parseInt(m.group(1)));
		}
		builds.sort(Collections.reverseOrder());
		for (int build : builds) {
			if (wanted.override() && build == cuda) return wanted.flavor();
			if (build <= cuda) return "cu" + build + wanted.precxx11();
		}
		return "cpu" + wanted.precxx11();
	}

	/** The copy of the published files.txt DJL keeps in its cache: {@code 2.7.1.txt}. */
	static Path indexFile(Path cacheDir, String version) {
		return cacheDir.resolve(version + ".txt");
	}

	/** Whether the cache folder of {@code build} holds libtorch and DJL also has its JNI library without a download. */
	static boolean complete(Machine machine, LibtorchBuild build) {
		Path folder = machine.cacheDir().resolve(build.folderName());
		return Files.isRegularFile(folder.resolve(LibtorchBuild.MAIN_LIBRARY))
				&& (jniIn(machine, folder) || machine.bundledJni().contains(build.flavor()));
	}

	private static Found found(Machine machine, LibtorchBuild build) {
		return new Found(Source.CACHE, machine.cacheDir().resolve(build.folderName()), build.toString());
	}

	/** DJL's JNI library in a folder, by either of the names DJL looks for. */
	private static boolean jniIn(Machine machine, Path folder) {
		return Files.isRegularFile(folder.resolve(machine.djlVersion() + '-' + Machine.JNI_LIBRARY))
				|| Files.isRegularFile(folder.resolve(Machine.JNI_LIBRARY));
	}

	/** The first entry of the path list that is libtorch's main library or a folder holding it, as DJL reads it. */
	private static Path libraryFolder(String libraryPath) {
		for (String entry : libraryPath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (Files.isRegularFile(path) && path.getFileName().toString().equals(LibtorchBuild.MAIN_LIBRARY))
				return path.toAbsolutePath().getParent();
			if (Files.isRegularFile(path.resolve(LibtorchBuild.MAIN_LIBRARY))) return path.toAbsolutePath();
		}
		return null;
	}

	/**
	 * libtorch on PYTORCH_LIBRARY_PATH, usable when DJL finds a JNI library for it: beside it, in its cache, or in
	 * the pytorch-jni jar for the flavor PYTORCH_FLAVOR names. Without PYTORCH_FLAVOR DJL asks the jar for a
	 * {@code -precxx11} flavor it does not carry and fails, so that is said here first.
	 */
	private static Found onLibraryPath(Machine machine, Path folder) {
		String version =
				machine.setting("PYTORCH_VERSION") != null ? machine.setting("PYTORCH_VERSION") : machine.version();
		String flavor = machine.setting("PYTORCH_FLAVOR");
		if (flavor == null)
			flavor = machine.flavor().startsWith("cu")
					? machine.flavor() + "-precxx11"
					: machine.classifier().startsWith("linux") ? "cpu-precxx11" : "cpu";
		LibtorchBuild build = new LibtorchBuild(version, flavor, machine.classifier());
		boolean jni = jniIn(machine, folder)
				|| jniIn(machine, machine.cacheDir().resolve(build.folderName()))
				|| machine.bundledJni().contains(flavor);
		if (!jni)
			throw new IllegalStateException("PYTORCH_LIBRARY_PATH names libtorch in " + folder + ", but DJL has no JNI "
					+ "library for flavor '" + flavor + "': set PYTORCH_FLAVOR to one of "
					+ new TreeSet<>(machine.bundledJni())
					+ " (the builds of DJL's JNI the plugin carries, for libtorch " + machine.version() + "), or put a "
					+ Machine.JNI_LIBRARY + " built for that libtorch into " + folder + ".");
		return new Found(Source.LIBRARY_PATH, folder, "libtorch " + version + " (flavor " + flavor + ")");
	}

	static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
		}
	}
}
