package org.ganomaly.fiji.core.runtime;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Set;

/**
 * How the networks are best computed on a device, as scoring uses it.
 *
 * @param computeBatch the most samples the network computes at once when a score does not depend on its batch
 *     (BatchNorm running statistics): on the CPU, larger batches run slower per image because their activations
 *     leave the caches. GPUs have not been measured yet (no GPU machine); they keep the CPU's value until they are.
 * @param precisions the types the network can compute in; bfloat16 is left out on purpose: DJL 0.36's PyTorch engine
 *     has no mapping for it and aborts the JVM
 */
public record DeviceProfile(int computeBatch, Set<DataType> precisions) {

	private static final DeviceProfile DEFAULT = new DeviceProfile(64, Set.of(DataType.FLOAT32, DataType.FLOAT16));

	public static DeviceProfile of(Device device) {
		return DEFAULT;
	}

	/** @throws IllegalArgumentException if the network cannot be computed in {@code precision} */
	public void checkPrecision(DataType precision) {
		if (!precisions.contains(precision))
			throw new IllegalArgumentException("Scoring precision must be float32 or float16, not " + precision + ".");
	}
}
