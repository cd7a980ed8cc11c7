package org.ganomaly.fiji.core.engine.install;

import java.util.Locale;

/**
 * One build of libtorch as DJL names it: version, flavor ({@code cpu}, {@code cu128}, optionally with
 * {@code -precxx11}) and platform classifier ({@code linux-x86_64}). DJL keeps it in the folder
 * {@link #folderName()} of its PyTorch cache, and publishes its files under {@link #remoteFolder()}.
 */
public record LibtorchBuild(String version, String flavor, String classifier) {

	/** libtorch's main library on this system, whose presence marks a complete folder (libtorch.so on Linux). */
	public static final String MAIN_LIBRARY = System.mapLibraryName("torch");

	/** The folder in DJL's PyTorch cache: {@code 2.7.1-cpu-linux-x86_64}. */
	public String folderName() {
		return version + '-' + flavor + '-' + classifier;
	}

	/** Where the files are listed in DJL's {@code files.txt}: {@code cpu/linux-x86_64/native/lib/}. */
	public String remoteFolder() {
		return flavor + '/' + classifier + "/native/lib/";
	}

	public boolean isCuda() {
		return flavor.startsWith("cu");
	}

	/** "CPU" or "CUDA 12.8", for messages. */
	public String kind() {
		return isCuda() ? "CUDA " + cudaVersion(flavor) : "CPU";
	}

	/** "12.8" for cu128. */
	static String cudaVersion(String flavor) {
		String digits = flavor.substring(2, 5);
		return String.format(Locale.ROOT, "%d.%s", Integer.parseInt(digits.substring(0, 2)), digits.substring(2));
	}

	@Override
	public String toString() {
		return "libtorch " + version + " (" + kind() + " build, " + classifier + ")";
	}
}
