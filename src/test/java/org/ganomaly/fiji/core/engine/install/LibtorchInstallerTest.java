package org.ganomaly.fiji.core.engine.install;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The installer against a local copy of DJL's download site on 127.0.0.1, with small files in DJL's layout: what it
 * plans and why, progress, a second run, cancel, a connection broken halfway, a full disk, a damaged file, no
 * network and a proxy that wants a password; nothing half-done is ever left where DJL looks.
 */
public class LibtorchInstallerTest {

	private static final String CPU = "cpu/linux-x86_64/native/lib/";
	private static final String CUDA = "cu128/linux-x86_64/native/lib/";

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private final Map<String, String> settings = new HashMap<>();
	private final Map<String, byte[]> originals = new HashMap<>();
	private Path cache;
	private LocalSite site;

	@Before
	public void serveASiteLaidOutAsDjls() throws IOException {
		Path root = temp.newFolder("site").toPath();
		Path version = Files.createDirectories(root.resolve("pytorch/2.7.1"));
		Random random = new Random(28);
		List<String> index = new ArrayList<>();
		for (String folder : List.of(CPU, CUDA))
			for (String name : List.of("libtorch.so", "libc10.so", "libtorch_cpu.so", "libgomp-98b21ff3.so.1")) {
				byte[] bytes = new byte[name.equals("libtorch_cpu.so") ? 600_000 : 50_000];
				random.nextBytes(bytes);
				originals.put(folder + name, bytes);
				gzip(bytes, version.resolve(folder + name + ".gz"));
				index.add(folder + name + ".gz");
			}
		Files.write(version.resolve("files.txt"), index);
		byte[] jni = new byte[40_000];
		random.nextBytes(jni);
		originals.put("jni", jni);
		Path jniFile = version.resolve("jnilib/0.36.0/linux-x86_64/cpu/libdjl_torch.so");
		Files.createDirectories(jniFile.getParent());
		Files.write(jniFile, jni);
		site = new LocalSite(root);
		cache = temp.getRoot().toPath().resolve("djl/pytorch");
	}

	@After
	public void stopTheSite() {
		site.close();
	}

	@Test
	public void installsTheCpuBuildWithProgressAndASecondRunFindsIt() throws IOException {
		Machine machine = machine("cpu");
		LibtorchLookup.Missing missing = missing(machine);
		InstallPlan plan = installer(machine).plan(missing, site.uri());
		assertEquals(new LibtorchBuild("2.7.1", "cpu", "linux-x86_64"), plan.build());
		assertEquals(4, plan.files().size());
		assertTrue(plan.reason(), plan.reason().contains("no CUDA GPU"));
		long gzipped = 0;
		for (InstallPlan.RemoteFile file : plan.files()) gzipped += file.size();
		assertEquals(gzipped, plan.downloadBytes());
		assertTrue(
				plan.toString(), plan.toString().contains("4 files, " + DownloadProgress.megabytes(gzipped) + " MB"));

		List<DownloadProgress> events = new ArrayList<>();
		Path folder = installer(machine).install(plan, events::add, () -> false);
		assertEquals(cache.resolve("2.7.1-cpu-linux-x86_64"), folder);
		assertFalse(events.isEmpty());
		for (int i = 1; i < events.size(); i++)
			assertTrue(events.get(i).done() >= events.get(i - 1).done());
		DownloadProgress last = events.get(events.size() - 1);
		assertEquals(gzipped, last.done());
		assertEquals(gzipped, last.total());
		assertTrue(last.bytesPerSecond() > 0);
		assertEquals(0.0, last.secondsLeft(), 0.0);
		assertTrue(last.toString(), last.toString().startsWith(DownloadProgress.megabytes(gzipped) + " of "));
		for (String name : List.of("libtorch.so", "libc10.so", "libtorch_cpu.so", "libgomp-98b21ff3.so.1"))
			assertArrayEquals(name, originals.get(CPU + name), Files.readAllBytes(folder.resolve(name)));
		assertEquals(
				"the site's list, as DJL keeps it",
				Files.readAllLines(temp.getRoot().toPath().resolve("site/pytorch/2.7.1/files.txt")),
				Files.readAllLines(cache.resolve("2.7.1.txt")));
		assertNothingPartial();

		LibtorchLookup.Result second = LibtorchLookup.find(machine);
		assertTrue(second instanceof LibtorchLookup.Found);
		assertEquals(LibtorchLookup.Source.CACHE, ((LibtorchLookup.Found) second).source());
		assertEquals(folder, ((LibtorchLookup.Found) second).folder());
		assertEquals(folder, LibtorchLookup.requireInstalled(machine).folder());
	}

	@Test
	public void aCudaMachineGetsTheNewestCudaBuildItCanRun() throws IOException {
		Machine machine = machine("cu130");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		assertEquals("cu128", plan.build().flavor());
		assertTrue(
				plan.reason(),
				plan.reason().contains("CUDA 13.0") && plan.reason().contains("PYTORCH_FLAVOR=cpu"));
		Path folder = installer(machine).install(plan, p -> {}, () -> false);
		assertArrayEquals(originals.get(CUDA + "libtorch.so"), Files.readAllBytes(folder.resolve("libtorch.so")));
		// DJL looks for cu130 first, then picks cu128 from its copy of the list.
		assertEquals(folder, LibtorchLookup.requireInstalled(machine).folder());
	}

	@Test
	public void aCudaVersionWithoutABuildGetsTheCpuBuildAndSaysWhy() throws IOException {
		Machine machine = machine("cu118");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		assertEquals("cpu", plan.build().flavor());
		assertTrue(
				plan.reason(),
				plan.reason().contains("CUDA 11.8")
						&& plan.reason().contains("CUDA 12.8")
						&& plan.reason().contains("CPU build"));
		Path folder = installer(machine).install(plan, p -> {}, () -> false);
		assertEquals(
				"DJL falls back to the CPU build through the list it keeps",
				folder,
				LibtorchLookup.requireInstalled(machine).folder());
	}

	@Test
	public void cancellingInstallsNothing() throws IOException {
		Machine machine = machine("cpu");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		AtomicLong done = new AtomicLong();
		AtomicLong asked = new AtomicLong();
		// The installer asks before each 64 kB read: the user presses Esc at the sixth.
		assertThrows(
				CancellationException.class,
				() -> installer(machine).install(plan, p -> done.set(p.done()), () -> asked.incrementAndGet() > 5));
		assertTrue(done.get() > 0 && done.get() < plan.downloadBytes());
		assertFalse(Files.exists(cache.resolve("2.7.1-cpu-linux-x86_64")));
		assertNothingPartial();
		assertTrue(LibtorchLookup.find(machine) instanceof LibtorchLookup.Missing);
	}

	@Test
	public void aConnectionBrokenHalfwaySaysSoAndLeavesNothing() throws IOException {
		site.breakOff("pytorch/2.7.1/" + CPU + "libtorch_cpu.so.gz");
		Machine machine = machine("cpu");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		IOException e = assertThrows(IOException.class, () -> installer(machine).install(plan, p -> {}, () -> false));
		assertTrue(e.getMessage(), e.getMessage().startsWith("The download of libtorch_cpu.so broke off after "));
		assertTrue(e.getMessage(), e.getMessage().contains("partial download was deleted; run Install PyTorch Engine"));
		assertFalse(Files.exists(cache.resolve("2.7.1-cpu-linux-x86_64")));
		assertNothingPartial();
	}

	@Test
	public void aFullDiskSaysSoAndLeavesNothing() throws IOException {
		Machine machine = machine("cpu");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		AtomicLong written = new AtomicLong();
		// A disk that fills up after 300 kB, as the JDK reports it on Linux.
		FileSink filling = file -> new FilterOutputStream(Files.newOutputStream(file)) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				if (written.addAndGet(len) > 300_000) throw new IOException("No space left on device");
				out.write(b, off, len);
			}
		};
		IOException e = assertThrows(
				IOException.class,
				() -> new LibtorchInstaller(machine, new HttpTransport(), filling).install(plan, p -> {}, () -> false));
		assertTrue(e.getMessage(), e.getMessage().contains("(No space left on device). The disk is full"));
		assertTrue(e.getMessage(), e.getMessage().contains("DJL_CACHE_DIR"));
		assertFalse(Files.exists(cache.resolve("2.7.1-cpu-linux-x86_64")));
		assertNothingPartial();
	}

	@Test
	public void aDamagedFileIsNotInstalled() throws IOException {
		Files.write(temp.getRoot().toPath().resolve("site/pytorch/2.7.1/" + CPU + "libc10.so.gz"), new byte[1000]);
		Machine machine = machine("cpu");
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		IOException e = assertThrows(IOException.class, () -> installer(machine).install(plan, p -> {}, () -> false));
		assertTrue(
				e.getMessage(),
				e.getMessage().startsWith("libc10.so from ") && e.getMessage().contains("damaged"));
		assertFalse(Files.exists(cache.resolve("2.7.1-cpu-linux-x86_64")));
		assertNothingPartial();
	}

	@Test
	public void aLeftoverOfAKilledRunAndAnIncompleteFolderAreReplaced() throws IOException {
		Path leftover = Files.createDirectories(cache.resolve("2.7.1-cpu-linux-x86_64.partial-123"));
		Files.write(leftover.resolve("libtorch.so"), new byte[10]);
		Path incomplete = Files.createDirectories(cache.resolve("2.7.1-cpu-linux-x86_64"));
		Files.write(incomplete.resolve("libc10.so"), new byte[10]);
		Machine machine = machine("cpu");
		assertTrue(
				"a folder without libtorch is not installed",
				LibtorchLookup.find(machine) instanceof LibtorchLookup.Missing);
		Path folder =
				installer(machine).install(installer(machine).plan(missing(machine), site.uri()), p -> {}, () -> false);
		assertArrayEquals(originals.get(CPU + "libc10.so"), Files.readAllBytes(folder.resolve("libc10.so")));
		assertNothingPartial();
	}

	@Test
	public void withoutTheJniInTheJarTheJniComesAlong() throws IOException {
		Machine machine = new Machine("2.7.1", "0.36.0", "linux-x86_64", "cpu", null, Set.of(), cache, settings::get);
		InstallPlan plan = installer(machine).plan(missing(machine), site.uri());
		assertEquals(5, plan.files().size());
		Path folder = installer(machine).install(plan, p -> {}, () -> false);
		assertArrayEquals(originals.get("jni"), Files.readAllBytes(folder.resolve("0.36.0-" + Machine.JNI_LIBRARY)));
		assertTrue(LibtorchLookup.find(machine) instanceof LibtorchLookup.Found);
	}

	@Test
	public void noNetworkSaysWhatToDo() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		Machine machine = machine("cpu");
		IOException e = assertThrows(
				IOException.class,
				() -> installer(machine)
						.plan(missing(machine), URI.create("http://127.0.0.1:" + closed + "/pytorch/")));
		assertTrue(e.getMessage(), e.getMessage().startsWith("Cannot connect to 127.0.0.1:" + closed));
		assertTrue(
				e.getMessage(),
				e.getMessage().contains("Proxy Settings") && e.getMessage().contains("offline"));
	}

	@Test
	public void aProxyThatWantsAPasswordSaysSo() throws IOException {
		HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		proxy.createContext("/", exchange -> {
			exchange.sendResponseHeaders(407, -1);
			exchange.close();
		});
		proxy.start();
		try {
			SocketAddress address = proxy.getAddress();
			ProxySelector selector = new ProxySelector() {
				@Override
				public List<Proxy> select(URI uri) {
					return List.of(new Proxy(Proxy.Type.HTTP, address));
				}

				@Override
				public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
			};
			Machine machine = machine("cpu");
			IOException e = assertThrows(
					IOException.class,
					() -> new LibtorchInstaller(machine, new HttpTransport(selector), FileSink.files())
							.plan(missing(machine), URI.create("http://publish.example/pytorch/")));
			assertTrue(
					e.getMessage(),
					e.getMessage()
									.startsWith("The proxy 127.0.0.1:" + ((InetSocketAddress) address).getPort()
											+ " asks for a user name and password (HTTP 407)")
							&& e.getMessage().contains("install libtorch offline"));
		} finally {
			proxy.stop(0);
		}
	}

	@Test
	public void requireInstalledStopsInOneLineNamingTheCommand() {
		Machine machine = machine("cpu");
		IllegalStateException e =
				assertThrows(IllegalStateException.class, () -> LibtorchLookup.requireInstalled(machine));
		assertTrue(
				e.getMessage(),
				e.getMessage()
						.startsWith("libtorch (PyTorch's native library) is not installed: "
								+ "run Plugins > GANomaly > Install PyTorch Engine once"));
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	public void aNativeJarOrPytorchLibraryPathIsFoundAndChecked() throws IOException {
		Machine withJar = new Machine(
				"2.7.1",
				"0.36.0",
				"linux-x86_64",
				"cpu",
				new LibtorchBuild("2.7.1-20250812", "cpu", "linux-x86_64"),
				Set.of("cpu", "cu128"),
				cache,
				settings::get);
		LibtorchLookup.Found jar = LibtorchLookup.requireInstalled(withJar);
		assertEquals(LibtorchLookup.Source.NATIVE_JAR, jar.source());
		assertEquals(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"), jar.folder());

		Path lib = temp.newFolder("libtorch", "lib").toPath();
		Files.write(lib.resolve("libtorch.so"), new byte[10]);
		settings.put("PYTORCH_LIBRARY_PATH", temp.getRoot() + "/nothing-here:" + lib);
		IllegalStateException noFlavor =
				assertThrows(IllegalStateException.class, () -> LibtorchLookup.find(machine("cpu")));
		assertTrue(noFlavor.getMessage(), noFlavor.getMessage().contains("set PYTORCH_FLAVOR to one of [cpu, cu128]"));
		settings.put("PYTORCH_FLAVOR", "cpu");
		LibtorchLookup.Found found = LibtorchLookup.requireInstalled(machine("cpu"));
		assertEquals(LibtorchLookup.Source.LIBRARY_PATH, found.source());
		assertEquals(lib, found.folder());

		settings.put("PYTORCH_LIBRARY_PATH", temp.getRoot() + "/nothing-here");
		IllegalStateException ignored =
				assertThrows(IllegalStateException.class, () -> LibtorchLookup.requireInstalled(machine("cpu")));
		assertTrue(ignored.getMessage(), ignored.getMessage().contains("holds no libtorch.so, so DJL ignores it"));
	}

	private Machine machine(String flavor) {
		return new Machine(
				"2.7.1", "0.36.0", "linux-x86_64", flavor, null, Set.of("cpu", "cu128"), cache, settings::get);
	}

	private LibtorchInstaller installer(Machine machine) {
		return new LibtorchInstaller(machine, new HttpTransport(ProxySelector.of(null)), FileSink.files());
	}

	private static LibtorchLookup.Missing missing(Machine machine) {
		LibtorchLookup.Result result = LibtorchLookup.find(machine);
		assertTrue(result.toString(), result instanceof LibtorchLookup.Missing);
		return (LibtorchLookup.Missing) result;
	}

	/** No partial folder or temporary file is left in DJL's cache. */
	private void assertNothingPartial() throws IOException {
		if (!Files.exists(cache)) return;
		try (Stream<Path> files = Files.list(cache)) {
			List<String> left = files.map(p -> p.getFileName().toString())
					.filter(name -> name.contains(".partial-") || name.endsWith(".tmp"))
					.toList();
			assertEquals(List.of(), left);
		}
	}

	private static void gzip(byte[] bytes, Path file) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(bytes);
		}
	}
}
