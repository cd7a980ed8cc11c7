package org.ganomaly.fiji.core.engine.install;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link LibtorchInstaller} will download and where it will put it.
 *
 * @param build the libtorch build that fits the machine
 * @param reason why this build, in a sentence or two
 * @param files the files to download, in DJL's layout
 * @param target the folder of DJL's cache DJL will load the build from
 * @param index the lines of the site's {@code files.txt}, saved beside the folder as DJL does
 */
public record InstallPlan(LibtorchBuild build, String reason, List<RemoteFile> files, Path target, List<String> index) {

	/**
	 * One file to download.
	 *
	 * @param uri where it is
	 * @param name its name in the target folder
	 * @param gzipped whether it is published gzipped (libtorch's libraries are, the JNI library is not)
	 * @param size its size on the site in bytes, or -1 when the server did not say
	 */
	public record RemoteFile(URI uri, String name, boolean gzipped, long size) {}

	/** The bytes to download, or -1 when the server did not give every file's size. */
	public long downloadBytes() {
		long total = 0;
		for (RemoteFile file : files) {
			if (file.size() < 0) return -1;
			total += file.size();
		}
		return total;
	}

	/** "libtorch 2.7.1 (CPU build, linux-x86_64): 4 files, 187.3 MB to download into ...; why". */
	@Override
	public String toString() {
		long bytes = downloadBytes();
		return build + ": " + files.size() + " files, "
				+ (bytes < 0 ? "size unknown" : DownloadProgress.megabytes(bytes) + " MB") + " to download into "
				+ target + ". " + reason;
	}
}
