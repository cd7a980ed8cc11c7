package org.ganomaly.fiji.core.engine.install;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ganomaly.fiji.core.engine.install.InstallPlan.RemoteFile;
import org.ganomaly.fiji.core.engine.install.LibtorchLookup.Wanted;

/**
 * Downloads the libtorch build DJL 0.36 would download for this machine, from DJL's site or a copy of it laid out
 * the same way ({@code <site>/<version>/files.txt} listing {@code <flavor>/<classifier>/native/lib/<file>.gz}),
 * into the folder of DJL's cache where DJL then finds it without any download of its own.
 * <p>
 * It reports progress (bytes done and total, rate, time left), stops when asked, and never leaves anything DJL
 * could use half-done: the files go into a {@code .partial-} folder beside the target, under a lock, and the folder
 * is renamed into place (atomically, same file system) only when every file is complete; on any failure or
 * cancellation the partial folder is deleted, and a leftover of a killed run is deleted by the next.
 * <p>
 * DJL publishes no checksums. What is verified: each file's byte count equals the size the server announced, each
 * gzipped file's own CRC-32 and length (gzip's trailer), every file the site lists for the build is there and
 * libtorch's main library among them. That it loads and computes correctly is checked after the install, by
 * starting the engine and checking its convolutions.
 */
public final class LibtorchInstaller {

	/** DJL's download site, where DJL 0.36 itself downloads libtorch from. */
	public static final URI DJL_SITE = URI.create("https://publish.djl.ai/pytorch/");

	private static final int BUFFER = 1 << 16;
	/** Progress events at most this often (and once at the end). */
	private static final long REPORT_NANOS = 200_000_000L;

	private final Machine machine;
	private final Transport transport;
	private final FileSink sink;

	public LibtorchInstaller(Machine machine, Transport transport, FileSink sink) {
		this.machine = machine;
		this.transport = transport;
		this.sink = sink;
	}

	/** What to download for what DJL looked for and did not find: reads the site's list of files and their sizes. */
	public InstallPlan plan(LibtorchLookup.Missing missing, URI site) throws IOException {
		Wanted wanted = missing.wanted();
		if (!wanted.version().equals(machine.version()))
			throw new IllegalStateException(
					"PYTORCH_VERSION=" + wanted.version() + " asks for a libtorch this plugin's "
							+ "DJL (" + machine.djlVersion() + ") cannot run: it needs libtorch " + machine.version()
							+ ". Unset PYTORCH_VERSION and run " + LibtorchLookup.INSTALL_COMMAND + " again.");
		URI base = folder(site).resolve(wanted.version() + "/");
		List<String> index = readIndex(base.resolve("files.txt"));
		LibtorchBuild build = wanted.build(LibtorchLookup.chooseFlavor(wanted, index));
		List<RemoteFile> files = new ArrayList<>();
		for (String line : index)
			if (line.startsWith(build.remoteFolder()) && line.endsWith(".gz")) {
				String name = line.substring(build.remoteFolder().length(), line.length() - 3);
				URI uri = base.resolve(line);
				files.add(new RemoteFile(
						uri, URLDecoder.decode(name, StandardCharsets.UTF_8), true, transport.size(uri)));
			}
		if (files.stream().noneMatch(f -> f.name().equals(LibtorchBuild.MAIN_LIBRARY)))
			throw new IllegalStateException(base + "files.txt lists no " + LibtorchBuild.MAIN_LIBRARY + " for "
					+ build + ": DJL publishes no libtorch " + build.version() + " for this platform ("
					+ build.classifier() + ", flavor " + build.flavor() + "). Install one yourself and set "
					+ "PYTORCH_LIBRARY_PATH (README, Installing libtorch).");
		if (!machine.bundledJni().contains(build.flavor())) {
			// The pytorch-jni jar has no JNI for this build: DJL would download it, so it comes along now.
			URI jni = base.resolve("jnilib/" + machine.djlVersion() + '/' + build.classifier() + '/' + build.flavor()
					+ '/' + Machine.JNI_LIBRARY);
			files.add(
					new RemoteFile(jni, machine.djlVersion() + '-' + Machine.JNI_LIBRARY, false, transport.size(jni)));
		}
		return new InstallPlan(
				build, reason(wanted, build, index), files, machine.cacheDir().resolve(build.folderName()), index);
	}

	/**
	 * Downloads, verifies and moves the plan's files into place; returns the folder. A CancellationException when
	 * {@code cancelled} answers true (nothing is installed then), an IOException or IllegalStateException saying
	 * what failed and what to do otherwise.
	 */
	public Path install(InstallPlan plan, Consumer<DownloadProgress> progress, BooleanSupplier cancelled)
			throws IOException {
		Path cache = machine.cacheDir();
		try {
			Files.createDirectories(cache);
		} catch (IOException e) {
			throw new IOException(
					"Cannot create DJL's cache folder " + cache + " (" + e + "): set DJL_CACHE_DIR to a "
							+ "folder you can write to, restart Fiji and run " + LibtorchLookup.INSTALL_COMMAND
							+ " again.",
					e);
		}
		String prefix = plan.build().folderName() + ".partial-";
		try (FileChannel channel = FileChannel.open(
						cache.resolve('.' + plan.build().folderName() + ".lock"),
						StandardOpenOption.CREATE,
						StandardOpenOption.WRITE);
				FileLock lock = lock(channel, plan)) {
			if (LibtorchLookup.complete(machine, plan.build())) return plan.target(); // another program was faster
			deleteLeftovers(cache, prefix);
			Path partial = Files.createTempDirectory(cache, prefix);
			boolean moved = false;
			try {
				Meter meter = new Meter(plan.downloadBytes(), progress);
				for (RemoteFile file : plan.files()) download(file, partial, meter, cancelled);
				meter.report(true);
				if (!Files.isRegularFile(partial.resolve(LibtorchBuild.MAIN_LIBRARY)))
					throw new IllegalStateException("The download holds no " + LibtorchBuild.MAIN_LIBRARY + ".");
				writeIndex(cache, plan);
				if (Files.exists(plan.target())) deleteTree(plan.target()); // incomplete: it has no libtorch
				Files.move(partial, plan.target(), StandardCopyOption.ATOMIC_MOVE);
				moved = true;
			} finally {
				if (!moved) deleteTree(partial);
			}
		}
		return plan.target();
	}

	private static FileLock lock(FileChannel channel, InstallPlan plan) throws IOException {
		FileLock lock;
		try {
			lock = channel.tryLock();
		} catch (OverlappingFileLockException e) {
			lock = null;
		}
		if (lock == null)
			throw new IllegalStateException(
					"Another installation of " + plan.build() + " is running (in this or another "
							+ "program); wait until it ends, then run " + LibtorchLookup.INSTALL_COMMAND + " again.");
		return lock;
	}

	private void download(RemoteFile file, Path folder, Meter meter, BooleanSupplier cancelled) throws IOException {
		Path target = folder.resolve(file.name());
		try (Transport.Response response = transport.get(file.uri())) {
			long expected = response.length() >= 0 ? response.length() : file.size();
			Counting counted = new Counting(response.body(), meter);
			OutputStream out = create(target);
			try {
				InputStream in = file.gzipped() ? gunzip(counted, file, expected) : counted;
				byte[] buffer = new byte[BUFFER];
				while (true) {
					if (cancelled.getAsBoolean())
						throw new CancellationException(
								"Cancelled; nothing was installed (the partial download was " + "deleted).");
					int n;
					try {
						n = in.read(buffer);
					} catch (IOException e) {
						throw readFailure(file, counted.count, expected, e);
					}
					if (n < 0) break;
					try {
						out.write(buffer, 0, n);
					} catch (IOException e) {
						throw writeFailure(target, e);
					}
				}
				try {
					while (counted.read(buffer) >= 0) {
						// past gzip's end: only counted, so that a longer body is caught below
					}
				} catch (IOException e) {
					throw readFailure(file, counted.count, expected, e);
				}
			} finally {
				closeWritten(out, target);
			}
			if (expected >= 0 && counted.count != expected)
				throw readFailure(file, counted.count, expected, new EOFException(counted.count + " bytes received"));
		}
	}

	private OutputStream create(Path target) throws IOException {
		try {
			return sink.create(target);
		} catch (IOException e) {
			throw writeFailure(target, e);
		}
	}

	private void closeWritten(OutputStream out, Path target) throws IOException {
		try {
			out.close();
		} catch (IOException e) {
			throw writeFailure(target, e);
		}
	}

	private static InputStream gunzip(Counting counted, RemoteFile file, long expected) throws IOException {
		try {
			return new GZIPInputStream(counted, BUFFER);
		} catch (IOException e) {
			throw readFailure(file, counted.count, expected, e);
		}
	}

	/** A read that failed: the connection stalled or broke off, or the file is damaged (gzip's format or CRC). */
	private static IOException readFailure(RemoteFile file, long received, long expected, IOException e) {
		String again = " Nothing was installed and the partial download was deleted; run "
				+ LibtorchLookup.INSTALL_COMMAND + " again.";
		if (e instanceof SocketTimeoutException)
			return new IOException(
					"The server sent nothing for " + HttpTransport.READ_TIMEOUT_MS / 1000 + " s while " + "downloading "
							+ file.name() + " (after " + DownloadProgress.megabytes(received) + " MB)." + again,
					e);
		if (!(e instanceof ZipException))
			return new IOException(
					"The download of " + file.name() + " broke off after "
							+ DownloadProgress.megabytes(received) + " of "
							+ (expected >= 0 ? DownloadProgress.megabytes(expected) : "?") + " MB (" + e.getMessage()
							+ "): the connection was lost." + again,
					e);
		return new IOException(
				file.name() + " from " + file.uri() + " is damaged (" + e.getMessage() + "; "
						+ received + " bytes received, " + expected
						+ " announced): it was corrupted on the way or the site "
						+ "does not hold DJL's files." + again,
				e);
	}

	/** A write that failed: said as a full disk when it is one, with what to do. */
	private IOException writeFailure(Path file, IOException e) {
		Path cache = machine.cacheDir();
		long free = -1;
		try {
			free = Files.getFileStore(cache).getUsableSpace();
		} catch (IOException ignored) {
			// the free space is only for the message
		}
		String message = String.valueOf(e.getMessage());
		boolean full = message.contains("No space left")
				|| message.contains("not enough space")
				|| (free >= 0 && free < 2L * BUFFER);
		String what = full
				? "The disk is full" + (free >= 0 ? " (" + DownloadProgress.megabytes(free) + " MB free)" : "")
						+ ": libtorch needs about 0.5 GB (CPU build) to 5 GB (CUDA build) in " + cache + ". Free some "
						+ "space, or set DJL_CACHE_DIR to a folder on a disk with room and restart Fiji"
				: "Check that you may write there, or set DJL_CACHE_DIR to another folder and restart Fiji";
		return new IOException(
				"Could not write " + file + " (" + message + "). " + what + "; then run "
						+ LibtorchLookup.INSTALL_COMMAND + " again. Nothing was installed and the partial download was "
						+ "deleted.",
				e);
	}

	private List<String> readIndex(URI uri) throws IOException {
		try (Transport.Response response = transport.get(uri)) {
			List<String> lines = new ArrayList<>();
			for (String line : new String(response.body().readAllBytes(), StandardCharsets.UTF_8).split("\n"))
				if (!line.isBlank()) lines.add(line.trim());
			return lines;
		}
	}

	/** DJL's copy of files.txt, which it reads to pick a CUDA build: written whole or not at all. */
	private static void writeIndex(Path cache, InstallPlan plan) throws IOException {
		Path index = LibtorchLookup.indexFile(cache, plan.build().version());
		Path temporary = Files.createTempFile(cache, plan.build().version(), ".tmp");
		try {
			Files.write(temporary, plan.index());
			Files.move(temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Why this build: what DJL finds on the machine, or the setting that chose it. */
	private String reason(Wanted wanted, LibtorchBuild build, List<String> index) {
		if (wanted.override())
			return "PYTORCH_FLAVOR=" + wanted.flavor() + " asks for it"
					+ (build.flavor().equals(wanted.flavor())
							? "."
							: ", but the site has no such build; DJL uses the " + build.kind() + " build then.");
		if (!machine.flavor().startsWith("cu"))
			return "DJL finds no CUDA GPU here (it looks for CUDA's runtime library, libcudart.so, which must be "
					+ "loadable without a version suffix; see the README, Devices), so the CPU build.";
		if (build.isCuda())
			return "DJL finds " + machine.gpuDescription() + "; this is the newest CUDA build of libtorch "
					+ build.version() + " it can run. For the much smaller CPU build instead, start Fiji with the "
					+ "environment variable PYTORCH_FLAVOR=cpu and run this command again.";
		List<String> cudaBuilds = new ArrayList<>();
		for (String line : index)
			if (line.startsWith("cu")
					&& line.endsWith('/' + build.classifier() + "/native/lib/" + LibtorchBuild.MAIN_LIBRARY + ".gz"))
				cudaBuilds.add("CUDA " + LibtorchBuild.cudaVersion(line.substring(0, 5)));
		return "DJL finds " + machine.gpuDescription() + ", but libtorch " + build.version() + " has no build for it "
				+ "(published: " + (cudaBuilds.isEmpty() ? "none for this platform" : String.join(", ", cudaBuilds))
				+ "; each needs that CUDA version or newer). DJL runs the CPU build then, so that is installed. To run "
				+ "on the GPU, update the NVIDIA driver and CUDA runtime and run this command again.";
	}

	/** The site URI as a folder (ending in a slash), so that relative paths resolve below it. */
	static URI folder(URI site) {
		String text = site.toString();
		return text.endsWith("/") ? site : URI.create(text + '/');
	}

	private static void deleteLeftovers(Path cache, String prefix) throws IOException {
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(cache, prefix + "*")) {
			for (Path leftover : leftovers) deleteTree(leftover);
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
		}
	}

	/** Counts the bytes received into the meter. */
	private static final class Counting extends FilterInputStream {
		private final Meter meter;
		long count;

		Counting(InputStream in, Meter meter) {
			super(in);
			this.meter = meter;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) add(1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) add(n);
			return n;
		}

		private void add(int n) {
			count += n;
			meter.add(n);
		}
	}

	/** Bytes done of the whole download, with the average rate since the first byte; reports now and then. */
	private static final class Meter {
		private final long total;
		private final Consumer<DownloadProgress> listener;
		private final long start = System.nanoTime();
		private long done;
		private long lastReport;

		Meter(long total, Consumer<DownloadProgress> listener) {
			this.total = total;
			this.listener = listener;
		}

		void add(long bytes) {
			done += bytes;
			report(false);
		}

		void report(boolean last) {
			long now = System.nanoTime();
			if (!last && now - lastReport < REPORT_NANOS) return;
			lastReport = now;
			double seconds = Math.max(1e-9, (now - start) / 1e9);
			double rate = done / seconds;
			double left = total >= 0 && rate > 0 ? Math.max(0, total - done) / rate : Double.NaN;
			listener.accept(new DownloadProgress(done, total, rate, left));
		}
	}
}
