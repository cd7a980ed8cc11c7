package org.ganomaly.fiji.spark;

import org.ganomaly.fiji.core.choice.Word;

/** How the job writes its table ({@code --format}). */
enum OutputFormat implements Word {
	PARQUET("parquet"),
	CSV("csv");

	private final String word;

	OutputFormat(String word) {
		this.word = word;
	}

	@Override
	public String word() {
		return word;
	}
}
