package org.ganomaly.fiji.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegionRoisTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	/** 8×6: region 1 an L of 4 pixels at the top left, region 2 a 2×2 square at the bottom right. */
	private static final int[] NUMBERS = {
		1, 1, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 2, 2,
		0, 0, 0, 0, 0, 0, 2, 2
	};

	@Test
	public void eachRegionBecomesAnOutlineOfExactlyItsPixelsOnItsSamplesSlice() {
		RegionRois rois = new RegionRois(8, 6);
		rois.add(NUMBERS, 2, 5, "img_7.tif");
		rois.add(new int[48], 0, 6, "normal.tif");
		assertEquals(2, rois.size());
		Roi first = rois.rois().get(0), second = rois.rois().get(1);
		assertEquals("img_7.tif region 1", first.getName());
		assertEquals(5, first.getPosition());
		assertEquals(4, first.getContainedPoints().length);
		assertTrue(first.contains(0, 2) && first.contains(1, 0) && !first.contains(1, 1));
		assertEquals(new java.awt.Rectangle(6, 4, 2, 2), second.getBounds());
		assertEquals(4, second.getContainedPoints().length);
	}

	@Test
	public void theRoiSetFileHoldsEveryRoiWithItsNameAndPosition() throws IOException {
		RegionRois rois = new RegionRois(8, 6);
		rois.add(NUMBERS, 2, 3, "same name");
		rois.add(NUMBERS, 2, 4, "same name");
		Path file = temp.getRoot().toPath().resolve("regions.zip");
		rois.writeRoiSet(file);
		List<String> entries = new ArrayList<>();
		List<Roi> read = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file);
				ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
				entries.add(entry.getName());
				read.add(new RoiDecoder(zip.readAllBytes(), entry.getName()).getRoi());
			}
		}
		assertEquals(4, read.size());
		assertEquals(
				"entry names are unique though sample names repeat",
				4,
				entries.stream().distinct().count());
		assertEquals("same name region 2", read.get(3).getName());
		assertEquals(4, read.get(3).getPosition());
		assertEquals(new java.awt.Rectangle(6, 4, 2, 2), read.get(3).getBounds());
	}
}
