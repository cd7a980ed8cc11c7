package org.ganomaly.fiji.spark;

import java.io.Serializable;
import org.ganomaly.fiji.image.UnreadableFilePolicy;

/**
 * What every task needs to know, sent with it.
 *
 * @param sha256 the model file's checksum as the driver read it
 * @param device as the job's --device gave it (auto, cpu, gpu or gpu:N)
 * @param mapsFolder where anomaly-map TIFFs go, or null for none
 */
record TaskSettings(
		String modelUri,
		String sha256,
		String device,
		int batchSize,
		String mapsFolder,
		UnreadableFilePolicy unreadableFiles,
		int minRegionArea,
		HadoopConf hadoop)
		implements Serializable {}
