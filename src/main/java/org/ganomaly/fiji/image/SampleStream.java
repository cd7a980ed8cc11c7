package org.ganomaly.fiji.image;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ganomaly.fiji.core.data.SampleInfo;
import org.ganomaly.fiji.core.score.ScoringItem;

/**
 * The samples of a sequence of images, one at a time, in image order and within an image in sample order, each
 * with its metadata: the one way from images to samples, for Score Stack, training from files and the Spark job.
 * Images are opened only as their samples are reached, and a finished image is let go before the next is opened.
 *
 * @param <I> the images, as the caller lists them (open images, files...)
 * @param <C> what the caller keeps of an opened image for its samples' metadata
 * @param <M> a sample's metadata
 */
public final class SampleStream<I, C, M> implements Iterator<ScoringItem<M>> {

	/** An opened image: its samples, and what their metadata is made from. */
	public record Opened<C>(C context, ImageSampleSet samples) {}

	private final Iterator<? extends I> images;
	private final Function<? super I, Opened<C>> open;
	private final BiFunction<? super C, SampleInfo, ? extends M> meta;
	private Opened<C> image;
	private int next;

	/**
	 * @param open opens an image; null passes it over (a file that is skipped)
	 * @param meta a sample's metadata from its image's context and its place in the image
	 */
	public SampleStream(
			Iterator<? extends I> images,
			Function<? super I, Opened<C>> open,
			BiFunction<? super C, SampleInfo, ? extends M> meta) {
		this.images = images;
		this.open = open;
		this.meta = meta;
	}

	@Override
	public boolean hasNext() {
		while (image == null || next >= image.samples().size()) {
			image = null; // let the finished image go before the next one is opened
			if (!images.hasNext()) return false;
			image = open.apply(images.next());
			next = 0;
		}
		return true;
	}

	@Override
	public ScoringItem<M> next() {
		if (!hasNext()) throw new NoSuchElementException("No more samples.");
		ImageSampleSet samples = image.samples();
		float[] data = new float[samples.shape().sampleLength()];
		samples.copyTo(next, data, 0);
		return new ScoringItem<>(data, meta.apply(image.context(), samples.info(next++)));
	}
}
