package org.ganomaly.fiji.image;

import static org.ganomaly.fiji.image.ImageSamplerTest.assertMessage;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.score.ScoringItem;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileImagesTest {

	private static final ImageShape GREY16 = new ImageShape(1, 16);

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path folder;

	/** a.tif (value 10), b.png (value 20), c.tif (not an image), d.txt, e.tif (RGB), .hidden.tif. */
	@Before
	public void writeFolder() throws Exception {
		folder = temp.newFolder("images").toPath();
		save(TestImages.bytes("a", 16, 16, 1, (n, x, y) -> 10), "a.tif");
		ImagePlus png = TestImages.bytes("b", 32, 16, 1, (n, x, y) -> 20);
		assertTrue(new FileSaver(png).saveAsPng(folder.resolve("b.png").toString()));
		Files.write(folder.resolve("c.tif"), "this is not a TIFF".getBytes());
		Files.write(folder.resolve("d.txt"), "notes".getBytes());
		save(TestImages.rgb("e", 16, 16, 1, (n, xy) -> 0x102030), "e.tif");
		save(TestImages.bytes("h", 16, 16, 1, (n, x, y) -> 0), ".hidden.tif");
	}

	private void save(ImagePlus imp, String name) {
		assertTrue(IJ.saveAsTiff(imp, folder.resolve(name).toString()));
	}

	@Test
	public void listsImageFilesByName() {
		List<String> names = FileImages.listImageFiles(folder).stream()
				.map(p -> p.getFileName().toString())
				.toList();
		assertEquals(List.of("a.tif", "b.png", "c.tif", "e.tif"), names);
	}

	@Test
	public void skipPolicyLeavesOutAndListsUnusableFiles() {
		FileImages images = new FileImages(folder, GREY16, Sampling.resize(), UnreadableFilePolicy.SKIP);
		List<ScoringItem<FileImages.Place>> samples = new ArrayList<>();
		images.samples(IntensityRange.BYTE).forEachRemaining(samples::add);

		assertEquals(2, samples.size());
		assertEquals("a.tif", samples.get(0).meta().info().label());
		assertEquals(folder.resolve("a.tif"), samples.get(0).meta().file());
		assertEquals(IntensityRange.BYTE.toNetwork(10), samples.get(0).data()[0], 1e-6);
		assertEquals("b.png", samples.get(1).meta().info().label());
		assertEquals(IntensityRange.BYTE.toNetwork(20), samples.get(1).data()[255], 1e-6);

		assertEquals(4, images.fileCount());
		assertEquals(2, images.skipped().size());
		assertTrue(
				images.skipped().get(0),
				images.skipped().get(0).startsWith("c.tif: 'c.tif' is not an image ImageJ can read"));
		assertTrue(images.skipped().get(1), images.skipped().get(1).startsWith("e.tif: Image 'e.tif' is RGB"));
		String warning = images.skippedWarning();
		assertTrue(warning, warning.startsWith("Skipped 2 of 4 files:"));
		assertTrue(warning, warning.contains("\n  c.tif: ") && warning.contains("\n  e.tif: "));
	}

	@Test
	public void stopPolicyNamesTheFileAndOpensFilesOnlyWhenReached() {
		FileImages images = new FileImages(folder, GREY16, Sampling.resize(), UnreadableFilePolicy.STOP);
		assertEquals("a.tif", images.next().sampler().info(0).label());
		assertEquals("b.png", images.next().sampler().info(0).label()); // c.tif not opened yet
		assertMessage(images::hasNext, "Stopped at file", "c.tif", "is not an image ImageJ can read");
	}

	/**
	 * Files ImageJ's Opener would report with a modal dialog (hanging a batch run) or read as a mostly empty image are
	 * refused before it sees them, with what is wrong.
	 */
	@Test
	public void emptyGarbageAndTruncatedFilesAreRefusedWithTheReason() throws Exception {
		Path odd = temp.newFolder("odd").toPath();
		Path whole = odd.resolve("whole.tif");
		assertTrue(IJ.saveAsTiff(TestImages.bytes("w", 32, 32, 1, (n, x, y) -> x + y), whole.toString()));
		byte[] bytes = Files.readAllBytes(whole);
		Files.write(odd.resolve("cut.tif"), java.util.Arrays.copyOf(bytes, 200)); // within its header
		Files.write(
				odd.resolve("truncated.tif"), java.util.Arrays.copyOf(bytes, bytes.length - 100)); // within the data
		Files.write(odd.resolve("zero.tif"), new byte[0]);
		byte[] badHeader = java.util.Arrays.copyOf(bytes, 64);
		for (int i = 8; i < badHeader.length; i++)
			badHeader[i] = (byte) 0xFF; // a TIFF signature, then an offset to nowhere
		Files.write(odd.resolve("header.tif"), badHeader);
		Files.write(odd.resolve("noise.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

		FileImages images = new FileImages(odd, GREY16, Sampling.resize(), UnreadableFilePolicy.SKIP);
		List<String> read = new ArrayList<>();
		while (images.hasNext()) read.add(images.next().file().getFileName().toString());
		assertEquals(List.of("whole.tif"), read);
		String skipped = String.join("\n", images.skipped());
		assertTrue(skipped, skipped.contains("header.tif: 'header.tif' is not a readable TIFF: its header"));
		assertTrue(
				skipped,
				skipped.contains("cut.tif: 'cut.tif' is not a readable TIFF: its header is damaged or cut " + "short"));
		assertTrue(skipped, skipped.contains("noise.png: 'noise.png' is not an image ImageJ can read"));
		assertTrue(
				skipped,
				skipped.contains("truncated.tif: 'truncated.tif' is truncated: its image data needs " + bytes.length
						+ " bytes, the file has " + (bytes.length - 100)));
		assertTrue(skipped, skipped.contains("zero.tif: 'zero.tif' is empty (0 bytes)"));

		FileImages stop = new FileImages(odd, GREY16, Sampling.resize(), UnreadableFilePolicy.STOP);
		assertMessage(stop::hasNext, "Stopped at file", "cut.tif", "is not a readable TIFF");
	}

	@Test
	public void collectsAFolderForTraining() {
		FileImages images = new FileImages(folder, GREY16, Sampling.tile(16), UnreadableFilePolicy.SKIP);
		InMemorySampleSet set = images.collect(IntensityRange.BYTE);
		assertEquals(1 + 2, set.size()); // a.tif: one tile, b.png: two
		float[] sample = new float[256];
		set.copyTo(2, sample, 0);
		assertEquals(IntensityRange.BYTE.toNetwork(20), sample[17], 1e-6);
		assertNull(
				new FileImages(List.of(folder.resolve("a.tif")), GREY16, Sampling.resize(), UnreadableFilePolicy.SKIP)
						.skippedWarning());
	}

	@Test
	public void noUsableFileIsAnError() {
		FileImages images =
				new FileImages(List.of(folder.resolve("c.tif")), GREY16, Sampling.resize(), UnreadableFilePolicy.SKIP);
		assertMessage(() -> images.collect(IntensityRange.BYTE), "no usable samples", "c.tif");
	}

	@Test
	public void multiPlaneFilesLabelEachPlane() throws Exception {
		Path stacks = temp.newFolder("stacks").toPath();
		ImagePlus stack = TestImages.shorts("s", 16, 16, 2, (n, x, y) -> 1000 * n);
		assertTrue(IJ.saveAsTiff(stack, stacks.resolve("s.tif").toString()));
		FileImages images = new FileImages(stacks, GREY16, Sampling.resize(), UnreadableFilePolicy.STOP);
		ImageSampler sampler = images.next().sampler();
		assertFalse(images.hasNext());
		assertEquals("s.tif (plane2)", sampler.info(1).label());
		// 256 pixels of 1000 and 256 of 2000: the 0.1th and 99.9th percentiles are the two values
		assertEquals(
				new IntensityRange(1000, 2000),
				IntensityRangeEstimator.estimate(
						new FileImages(stacks, GREY16, Sampling.resize(), UnreadableFilePolicy.STOP)));
	}

	@Test
	public void nanInAFolderFileFollowsThePolicy() throws Exception {
		Path nan = temp.newFolder("nan").toPath();
		ImagePlus bad = TestImages.floats("bad", 16, 16, 1, (n, x, y) -> x == 2 ? Float.NaN : 0);
		assertTrue(IJ.saveAsTiff(bad, nan.resolve("bad.tif").toString()));
		assertMessage(
				() -> new FileImages(nan, GREY16, Sampling.resize(), UnreadableFilePolicy.STOP).hasNext(),
				"bad.tif",
				"holds NaN at x=2, y=0");
	}

	@Test
	public void notAFolderOrNoImages() throws Exception {
		assertMessage(() -> FileImages.listImageFiles(folder.resolve("d.txt")), "is not a folder");
		File empty = temp.newFolder("empty");
		assertMessage(() -> FileImages.listImageFiles(empty.toPath()), "holds no image files");
	}
}
