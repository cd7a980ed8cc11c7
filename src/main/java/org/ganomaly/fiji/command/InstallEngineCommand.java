package org.ganomaly.fiji.command;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.engine.install.DownloadProgress;
import org.ganomaly.fiji.core.engine.install.FileSink;
import org.ganomaly.fiji.core.engine.install.HttpTransport;
import org.ganomaly.fiji.core.engine.install.InstallPlan;
import org.ganomaly.fiji.core.engine.install.LibtorchInstaller;
import org.ganomaly.fiji.core.engine.install.LibtorchLookup;
import org.ganomaly.fiji.core.engine.install.Machine;
import org.ganomaly.fiji.core.runtime.DeviceChoice;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Install PyTorch Engine: finds the libtorch DJL will load (PYTORCH_LIBRARY_PATH, a native jar, or DJL's cache)
 * and, where there is none, downloads the build that fits this machine, saying which and why, with progress in the
 * status and progress bars (Esc cancels); then starts the engine and reports its folder, the device it will use
 * and the convolution check. Train GANomaly and Score Stack stop with one line naming this command when libtorch is
 * missing, so that nothing is ever downloaded unseen.
 */
@Plugin(type = Command.class, label = LibtorchLookup.INSTALL_COMMAND, headless = true)
public class InstallEngineCommand extends GanomalyCommand {

	@Parameter(
			label = "Download site",
			description = "Where libtorch is downloaded from: DJL's site (the default), or a copy of it laid out the "
					+ "same way (<site>/2.7.1/files.txt), e.g. a mirror inside your network.")
	private String download_site = LibtorchInstaller.DJL_SITE.toString();

	@Override
	protected void execute() throws IOException {
		Machine machine = Machine.detect();
		LibtorchLookup.Result result = LibtorchLookup.find(machine);
		if (result instanceof LibtorchLookup.Found found)
			info("libtorch is already installed: " + found + ". Nothing to download.");
		else if (!install(machine, (LibtorchLookup.Missing) result)) return;
		report();
	}

	/** Downloads and installs libtorch; false when the user cancelled. */
	private boolean install(Machine machine, LibtorchLookup.Missing missing) throws IOException {
		LibtorchInstaller installer = new LibtorchInstaller(machine, new HttpTransport(), FileSink.files());
		status("Reading the list of libtorch builds from " + download_site + "...");
		InstallPlan plan = installer.plan(missing, site());
		info("Installing " + plan);
		String what = "Downloading " + plan.build();
		long start = System.nanoTime();
		Path folder;
		try {
			folder = installer.install(
					plan,
					p -> progress(p.done(), Math.max(p.total(), p.done()), what + ": " + p + " (Esc cancels)"),
					this::cancellationRequested);
		} catch (CancellationException e) {
			warn(title() + ": " + e.getMessage());
			return false;
		}
		long bytes = plan.downloadBytes();
		info(String.format(
				"Installed %s in %s (%s MB downloaded in %s; verified: sizes as announced, gzip CRC-32 and lengths, "
						+ "all %d files of the build).",
				plan.build(),
				folder,
				bytes < 0 ? "?" : DownloadProgress.megabytes(bytes),
				Durations.format(Duration.ofNanos(System.nanoTime() - start)),
				plan.files().size()));
		return true;
	}

	/** Starts the engine on what was found or installed: its folder, the device and the convolution check. */
	private void report() {
		status("Starting the PyTorch engine and checking its convolutions...");
		Engine engine = Engines.pytorch();
		DeviceRuntime runtime = DeviceChoice.AUTO.open(this::info);
		info("PyTorch engine " + engine.getVersion() + " runs libtorch from " + LibUtils.getLibtorchPath()
				+ "; device 'auto' will use " + runtime.describe() + " (GPUs DJL finds: " + engine.getGpuCount()
				+ ").");
	}

	private URI site() {
		try {
			URI uri = new URI(download_site.trim());
			if (uri.getScheme() == null
					|| !(uri.getScheme().equals("https") || uri.getScheme().equals("http")))
				throw new URISyntaxException(download_site, "not an http(s) address");
			return uri;
		} catch (URISyntaxException e) {
			throw new IllegalArgumentException("Download site '" + download_site + "' is not an http(s) address ("
					+ e.getMessage() + "); leave it at " + LibtorchInstaller.DJL_SITE + " to download from DJL.");
		}
	}
}
