package org.ganomaly.fiji.bench;

import java.util.Locale;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;

/**
 * What the kernel check costs: the engine's start (with the probe check) and, per network shape, building the
 * networks (which checks each of their convolutions for one and two images), in seconds, once per JVM and shape.
 * <p>
 * Usage: KernelCheckTime 1x16x8x16 1x32x64x100 3x64x64x100 ... (channels x size x nf x nz)
 */
public final class KernelCheckTime {

	public static void main(String[] args) {
		long start = System.nanoTime();
		DeviceRuntime cpu = DeviceRuntime.cpu();
		System.out.printf(
				Locale.ROOT,
				"engine start with probe check: %.2f s (%s)%n",
				(System.nanoTime() - start) / 1e9,
				cpu.kernels().label());
		for (String arg : args) {
			String[] f = arg.split("x");
			NetworkConfig config = new NetworkConfig(
					new ImageShape(Integer.parseInt(f[0]), Integer.parseInt(f[1])),
					Integer.parseInt(f[3]),
					Integer.parseInt(f[2]),
					0);
			long t = System.nanoTime();
			try (GanomalyNetworks networks = GanomalyNetworks.initialized(config, cpu, 0)) {
				System.out.printf(
						Locale.ROOT,
						"%s: %d convolutions checked in %.2f s%n",
						arg,
						networks.convolutions().size(),
						(System.nanoTime() - t) / 1e9);
			}
		}
	}
}
