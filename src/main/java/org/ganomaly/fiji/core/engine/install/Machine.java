package org.ganomaly.fiji.core.engine.install;

import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What DJL 0.36's PyTorch engine sees of this machine when it picks a libtorch: the libtorch version its engine
 * was built for, DJL's version, the platform, whether it finds a CUDA GPU (as {@code cu128} for CUDA 12.8), a
 * native jar on the class path, the JNI builds the pytorch-jni jar carries, DJL's PyTorch cache folder and the
 * settings it reads ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR}, ...: environment first, then system
 * properties).
 *
 * @param version libtorch version DJL's engine wants, e.g. 2.7.1
 * @param djlVersion DJL's version, e.g. 0.36.0; it prefixes the JNI library's name in the cache
 * @param classifier e.g. linux-x86_64
 * @param flavor {@code cpu}, or {@code cu} and the CUDA runtime's version digits when DJL finds a GPU
 * @param nativeJar the libtorch build of a native jar on the class path (DJL's folder name in the cache), or null
 * @param bundledJni flavors whose JNI library the pytorch-jni jar carries for this libtorch and platform
 * @param cacheDir DJL's PyTorch cache ({@code ~/.djl.ai/pytorch}, or below {@code ENGINE_CACHE_DIR} or
 *     {@code DJL_CACHE_DIR})
 * @param settings reads a setting as DJL does (environment variable, else system property); null when unset
 */
public record Machine(
		String version,
		String djlVersion,
		String classifier,
		String flavor,
		LibtorchBuild nativeJar,
		Set<String> bundledJni,
		Path cacheDir,
		UnaryOperator<String> settings) {

	/** The JNI library's file name (libdjl_torch.so on Linux). */
	public static final String JNI_LIBRARY = System.mapLibraryName("djl_torch");

	/** The flavors DJL 0.36 publishes JNI builds for. */
	private static final List<String> JNI_FLAVORS = List.of("cpu", "cu128");

	/** This machine, read with DJL's own utilities so that it matches what DJL will do. */
	public static Machine detect() {
		Platform system = Platform.fromSystem("pytorch"); // loads CUDA's runtime through JNA, as DJL does
		Platform detected = Platform.detectPlatform("pytorch");
		LibtorchBuild jar = detected.isPlaceholder()
				? null
				: new LibtorchBuild(detected.getVersion(), detected.getFlavor(), detected.getClassifier());
		return new Machine(
				system.getVersion(),
				system.getApiVersion(),
				system.getClassifier(),
				system.getFlavor(),
				jar,
				bundledJni(system.getVersion(), system.getApiVersion(), system.getClassifier()),
				Utils.getEngineCacheDir("pytorch"),
				Utils::getEnvOrSystemProperty);
	}

	/** A setting, or null when unset or empty. */
	String setting(String name) {
		String value = settings.apply(name);
		return value == null || value.isBlank() ? null : value.trim();
	}

	/** "CUDA 12.8" or "no CUDA GPU", as DJL sees it. */
	String gpuDescription() {
		return flavor.startsWith("cu") ? "CUDA " + LibtorchBuild.cudaVersion(flavor) : "no CUDA GPU";
	}

	/** The flavors whose JNI the pytorch-jni jar on the class path carries, if it was built for this libtorch. */
	private static Set<String> bundledJni(String version, String djlVersion, String classifier) {
		Set<String> flavors = new LinkedHashSet<>();
		try {
			URL properties = ClassLoaderUtils.getResource("jnilib/pytorch.properties");
			if (properties == null) return flavors;
			Properties jni = new Properties();
			try (InputStream in = properties.openStream()) {
				jni.load(in);
			}
			// DJL takes the jar's JNI only when it was built for this libtorch and DJL (LibUtils.findJniLibrary).
			if (!jni.getProperty("jni_version", "").startsWith(version + '-' + djlVersion)) return flavors;
			for (String flavor : JNI_FLAVORS)
				if (ClassLoaderUtils.getResource("jnilib/" + classifier + '/' + flavor + '/' + JNI_LIBRARY) != null)
					flavors.add(flavor);
			return flavors;
		} catch (IOException e) {
			throw new UncheckedIOException("Could not read the pytorch-jni jar: " + e.getMessage(), e);
		}
	}
}
