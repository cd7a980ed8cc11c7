package org.ganomaly.fiji.command;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.job.ScoringSession;
import org.ganomaly.fiji.image.AnomalyMapStackBuilder;
import org.ganomaly.fiji.image.ImageSampleSet;
import org.ganomaly.fiji.image.ImageSource;
import org.ganomaly.fiji.image.MapUnits;
import org.ganomaly.fiji.image.OverlayStackBuilder;
import org.ganomaly.fiji.image.ReconstructionStackBuilder;
import org.ganomaly.fiji.image.RegionRois;
import org.ganomaly.fiji.image.SampleStream;
import org.ganomaly.fiji.image.TileHeatMapBuilder;

/**
 * Score Stack's results of one run: the rows of a {@link ScoringSession} over the samples of an image or a folder
 * (streamed: only the batch being scored is in memory) go into the score table and, if asked, the reconstruction,
 * anomaly-map, region and heat-map images. The heat map of an open image becomes an output; a folder's heat maps
 * are written one file per image as each image is finished.
 */
final class ScoreStackResults implements ScoringSession.Sink<ScoreStackResults.Sample> {

	/**
	 * What to make besides the table.
	 *
	 * @param heatMapFolder receives a folder's heat maps
	 * @param regionMasks whether to make a binary stack of the regions' pixels
	 * @param regionRois whether to outline the regions as ROIs
	 * @param overlays whether to make a stack of the samples overlaid with their maps
	 */
	record Options(
			boolean reconstructions,
			boolean anomalyMaps,
			boolean heatMaps,
			Path heatMapFolder,
			MapUnits mapUnits,
			boolean regionMasks,
			boolean regionRois,
			boolean overlays) {
		/** Whether the scorer must give reconstructions and maps for these images. */
		boolean images() {
			return reconstructions || anomalyMaps || heatMaps || overlays;
		}

		/** Whether the images need each pixel's region number. */
		boolean regionLabels() {
			return regionMasks || regionRois;
		}
	}

	/** Progress after each sample, and cancellation (asked before each batch, on the scoring thread). */
	interface Listener {
		void scored(SampleInfo info, ImageSource.SourceImage image, int imageNumber, int imageCount);

		boolean cancelled();
	}

	/** What a sample is: its image, that image's number in the run, and its place in the image. */
	record Sample(ImageSource.SourceImage image, int imageNumber, SampleInfo info) implements ScoringSession.Located {
		@Override
		public String describe() {
			return "'" + info.sampleName() + "'";
		}
	}

	private record Numbered(ImageSource.SourceImage image, int number) {}

	private final ImageShape shape;
	private final IntensityRange range;
	private final Options options;
	private final String name;
	private final ScoreTable table;
	private final Listener listener;
	private ImageSource.Images images;
	private boolean cancelled;
	private ReconstructionStackBuilder reconstructions;
	private AnomalyMapStackBuilder anomalyMaps;
	private ImageStack regionMasks;
	private final RegionRois regionRois;
	private OverlayStackBuilder overlays;
	private TileHeatMapBuilder heatMap;
	private ImageSource.SourceImage heatMapImage;
	private ImagePlus heatMapOutput;
	/** The heat-map files written so far, in input order. */
	private final List<Path> heatMapsWritten = new ArrayList<>();

	/** @param name the image's title or the folder's name, for the titles of the result images */
	ScoreStackResults(
			ImageShape shape, IntensityRange range, Options options, String name, ScoreTable table, Listener listener) {
		this.shape = shape;
		this.range = range;
		this.options = options;
		this.name = name;
		this.table = table;
		this.listener = listener;
		this.regionRois = options.regionRois() ? new RegionRois(shape.size(), shape.size()) : null;
	}

	/** Scores every sample of {@code source} (until cancelled); returns how many were scored. */
	int run(ScoringSession session, ImageSource.Images source) {
		this.images = source;
		// The images numbered 1, 2, ... as they are opened, on the scorer's reading thread.
		int[] opened = {0};
		SampleStream<ImageSource.SourceImage, Numbered, Sample> samples = new SampleStream<>(
				source,
				image -> new SampleStream.Opened<>(
						new Numbered(image, ++opened[0]), new ImageSampleSet(image.sampler(), range)),
				(image, info) -> new Sample(image.image(), image.number(), info));
		int scored = session.score(samples, this, () -> cancelled = listener.cancelled());
		if (!cancelled) finishHeatMap();
		return scored;
	}

	boolean cancelled() {
		return cancelled;
	}

	@Override
	public void accept(ScoringSession.Result<Sample> result) {
		Sample sample = result.meta();
		float[] anomalyMap = result.anomalyMap();
		int[] numbers = result.regionLabels();
		table.add(result.scores());
		if (options.regionMasks()) {
			if (regionMasks == null) regionMasks = new ImageStack(shape.size(), shape.size());
			byte[] mask = new byte[numbers.length];
			for (int i = 0; i < numbers.length; i++) if (numbers[i] > 0) mask[i] = (byte) 255;
			regionMasks.addSlice(sample.info().sampleName(), new ByteProcessor(shape.size(), shape.size(), mask));
		}
		if (regionRois != null) {
			regionRois.add(
					numbers,
					result.scores().regions(),
					result.index() + 1,
					sample.info().sampleName());
		}
		if (options.overlays()) {
			if (overlays == null) overlays = new OverlayStackBuilder(shape, options.mapUnits(), "Overlays of " + name);
			overlays.add(result.data(), anomalyMap, sample.info());
		}
		if (options.reconstructions()) {
			if (reconstructions == null)
				reconstructions = new ReconstructionStackBuilder(
						shape, range, sample.image().sampler().isRgb(), "Reconstructions of " + name);
			reconstructions.add(result.reconstruction(), 0, sample.info());
		}
		if (options.anomalyMaps()) {
			if (anomalyMaps == null)
				anomalyMaps = new AnomalyMapStackBuilder(shape, options.mapUnits(), "Anomaly maps of " + name);
			anomalyMaps.add(anomalyMap, sample.info());
		}
		if (options.heatMaps()) {
			if (heatMapImage != sample.image()) {
				finishHeatMap();
				heatMap = new TileHeatMapBuilder(sample.image().sampler(), options.mapUnits());
				heatMapImage = sample.image();
			}
			heatMap.add(anomalyMap, sample.info());
		}
		listener.scored(sample.info(), sample.image(), sample.imageNumber(), images.count());
	}

	/** Completes the heat map of the image scored last: kept as output for an open image, else written. */
	private void finishHeatMap() {
		if (heatMap == null) return;
		ImagePlus map = heatMap.build();
		Path file = heatMapImage.file();
		heatMap = null;
		if (file == null) {
			heatMapOutput = map;
			return;
		}
		String fileName = file.getFileName().toString();
		int dot = fileName.lastIndexOf('.');
		Path target =
				options.heatMapFolder().resolve((dot > 0 ? fileName.substring(0, dot) : fileName) + "_heatmap.tif");
		try {
			AtomicFiles.writeTiff(map, target);
		} catch (IOException e) {
			throw new UncheckedIOException(
					"Could not write the heat map of '" + fileName + "' to '" + target + "': " + e.getMessage(), e);
		}
		heatMapsWritten.add(target);
	}

	ImagePlus reconstructions() {
		return reconstructions == null ? null : reconstructions.build();
	}

	ImagePlus anomalyMaps() {
		return anomalyMaps == null ? null : anomalyMaps.build();
	}

	/** The binary masks of the samples' regions (255 inside), labelled as the samples; null if not asked for. */
	ImagePlus regionMasks() {
		return regionMasks == null ? null : new ImagePlus("Region masks of " + name, regionMasks);
	}

	/** The samples' anomalous regions as ROIs, positioned on the result stacks' slices; null if not asked for. */
	RegionRois regionRois() {
		return regionRois;
	}

	/** The samples overlaid with their maps; null if not asked for. */
	ImagePlus overlays() {
		return overlays == null ? null : overlays.build();
	}

	/** The heat map of an open image; null for folders (their heat maps are files). */
	ImagePlus heatMap() {
		return heatMapOutput;
	}

	/** The heat-map files written, in input order (also those of a cancelled run: written image by image). */
	List<Path> heatMapsWritten() {
		return heatMapsWritten;
	}
}
