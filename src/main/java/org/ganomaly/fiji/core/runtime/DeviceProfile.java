package org.ganomaly.fiji.core.runtime;

import ai.djl.ndarray.types.DataType;
import java.util.Set;

/**
 * How the networks are best computed on a device, as scoring uses it.
 *
 * @param computeBatch the most samples the network computes at once when a score does not depend on its batch
 *     (BatchNorm running statistics)
 * @param precisions the types the network can compute in; bfloat16 is left out on purpose: DJL 0.36's PyTorch engine
 *     has no mapping for it and aborts the JVM
 */
public record DeviceProfile(int computeBatch, Set<DataType> precisions) {

	private static final Set<DataType> PRECISIONS = Set.of(DataType.FLOAT32, DataType.FLOAT16);

	/** On the CPU, larger batches than 64 run slower per image because their activations leave the caches. */
	public static final DeviceProfile CPU = new DeviceProfile(64, PRECISIONS);

	/**
	 * A GPU computes the whole batch the caller reads (Score Stack's batch_size bounds its memory): GPUs get faster
	 * per image with the batch, as PyTorch itself scored 78 k images/s at batch 64 and 401 k at 1,024 on an H200.
	 */
	public static final DeviceProfile GPU = new DeviceProfile(Integer.MAX_VALUE, PRECISIONS);

	/** @throws IllegalArgumentException if the network cannot be computed in {@code precision} */
	public void checkPrecision(DataType precision) {
		if (!precisions.contains(precision))
			throw new IllegalArgumentException("Scoring precision must be float32 or float16, not " + precision + ".");
	}
}
