package org.ganomaly.fiji.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.export.OnnxExport;
import org.ganomaly.fiji.core.export.OnnxRuntimeRun;
import org.ganomaly.fiji.core.export.ScoringDescription;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Export GANomaly Model and Train GANomaly's export_onnx through a real SciJava context, and the exported demo-size
 * network (32×32 grey, nz 100, nf 64) run in ONNX Runtime for Java against Score Stack on the same images.
 */
public class ExportCommandTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void theDemoSizeExportScoresInOnnxRuntimeAsScoreStackDoes() throws Exception {
		Path folder = temp.getRoot().toPath();
		Path model = folder.resolve("demo.ganomaly");
		Commands.succeed(
				TrainCommand.class,
				Commands.inputs(
						"training",
						DemoImages.normals("normals", 32, 72, 1),
						"image_size",
						"32",
						"batch_size",
						32,
						"epochs",
						1,
						"precise_bn_batches",
						2,
						"device",
						"cpu",
						"model",
						model.toFile(),
						"export_onnx",
						true));
		OnnxExport.Exported exported = OnnxExport.targets(folder, "demo");
		assertTrue("Train's export_onnx wrote the ONNX file beside the model", Files.size(exported.onnx()) > 0);
		JsonObject description =
				JsonParser.parseString(Files.readString(exported.description())).getAsJsonObject();
		assertEquals(ScoringDescription.FORMAT, description.get("format").getAsString());
		assertEquals(32, description.getAsJsonObject("image").get("size").getAsInt());
		assertEquals(
				"resize", description.getAsJsonObject("sampling").get("mode").getAsString());
		assertEquals(255, description.getAsJsonObject("intensity").get("max").getAsDouble(), 0);

		ImagePlus test = DemoImages.mixed("test", 32, 10, 5, 5, 2);
		var scored = Commands.succeed(
				ScoreCommand.class,
				Commands.inputs("input", test, "model", model.toFile(), "reconstructions", true, "device", "cpu"));
		ResultsTable table = Tables.find(ScoreTable.TITLE);
		double[] stackScores = new double[table.size()];
		for (int row = 0; row < stackScores.length; row++) stackScores[row] = table.getValue(ScoreTable.LATENT, row);
		ImageStack reconstructions = ((ImagePlus) scored.getOutput("reconstruction_stack")).getStack();

		// The test images are 32×32 8-bit: resizing to 32 leaves them as they are.
		ImageShape shape = new ImageShape(1, 32);
		float[] samples = new float[test.getStackSize() * shape.sampleLength()];
		for (int n = 0; n < test.getStackSize(); n++) {
			float[] pixels = (float[]) test.getStack()
					.getProcessor(n + 1)
					.convertToFloatProcessor()
					.getPixels();
			for (int i = 0; i < pixels.length; i++)
				samples[n * shape.sampleLength() + i] = IntensityRange.BYTE.toNetwork(pixels[i]);
		}
		OnnxRuntimeRun.Outputs onnx = OnnxRuntimeRun.run(Files.readAllBytes(exported.onnx()), shape, samples);
		assertEquals(stackScores.length, onnx.latentScores().length);
		for (int n = 0; n < stackScores.length; n++) {
			assertEquals(
					"latent score of sample " + (n + 1), stackScores[n], onnx.latentScores()[n], 1e-5 * stackScores[n]);
			float[] expected = (float[]) reconstructions.getProcessor(n + 1).getPixels();
			for (int i = 0; i < expected.length; i++)
				assertEquals(
						"reconstruction of sample " + (n + 1) + ", pixel " + i,
						IntensityRange.BYTE.toNetwork(expected[i]),
						onnx.reconstructions()[n * shape.sampleLength() + i],
						1e-5);
		}

		// The command exports the same model file to the same graph.
		Path out = folder.resolve("exported");
		Commands.succeed(ExportCommand.class, Commands.inputs("model", model.toFile(), "output_folder", out.toFile()));
		assertTrue(Files.size(out.resolve("demo.onnx")) > 0);
		assertEquals(Files.readString(exported.description()), Files.readString(out.resolve("demo.onnx.json")));
	}

	@Test
	public void aScoringOnlyModelExports() throws Exception {
		Path model = temp.getRoot().toPath().resolve("small.ganomaly");
		Map<String, Object> in = Commands.tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 24, 4));
		in.put("scoring_only", true);
		Commands.succeed(TrainCommand.class, in);
		Path out = temp.getRoot().toPath().resolve("out");
		Commands.succeed(ExportCommand.class, Commands.inputs("model", model.toFile(), "output_folder", out.toFile()));
		float[] grey = new float[2 * 16 * 16];
		OnnxRuntimeRun.Outputs onnx =
				OnnxRuntimeRun.run(Files.readAllBytes(out.resolve("small.onnx")), new ImageShape(1, 16), grey);
		assertEquals(2, onnx.latentScores().length);
		assertEquals(2 * 16, onnx.latents().length); // nz 16
	}

	@Test
	public void aFormat1ModelExportsAsItLoads() throws Exception {
		// A format 1 file: the tiny resize model's tensors under a manifest of format 1's layout.
		Path v2 = Commands.resizeModel();
		Path v1 = temp.getRoot().toPath().resolve("old.ganomaly");
		try (ZipFile zip = new ZipFile(v2.toFile());
				OutputStream file = Files.newOutputStream(v1);
				ZipOutputStream out = new ZipOutputStream(file)) {
			JsonObject manifest = JsonParser.parseString(new String(
							zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8))
					.getAsJsonObject();
			JsonObject preprocessing = manifest.getAsJsonObject("preprocessing");
			JsonObject strings = new JsonObject();
			strings.addProperty("sampling", "resize");
			strings.addProperty(
					"intensity", preprocessing.get("intensitySource").getAsString());
			manifest.add("intensity", preprocessing.get("intensity"));
			manifest.add("preprocessing", strings);
			manifest.addProperty("formatVersion", 1);
			out.putNextEntry(new ZipEntry("manifest.json"));
			out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
			out.putNextEntry(new ZipEntry("tensors.bin"));
			zip.getInputStream(zip.getEntry("tensors.bin")).transferTo(out);
		}
		Path folder = temp.getRoot().toPath().resolve("v1");
		Commands.succeed(ExportCommand.class, Commands.inputs("model", v1.toFile(), "output_folder", folder.toFile()));
		Commands.succeed(ExportCommand.class, Commands.inputs("model", v2.toFile(), "output_folder", folder.toFile()));
		assertEquals(
				"the same network", Files.size(folder.resolve("resize.onnx")), Files.size(folder.resolve("old.onnx")));
	}

	@Test
	public void badInputIsRefusedWithAClearMessage() throws Exception {
		Path folder = temp.getRoot().toPath();
		String missing = Commands.fail(
				ExportCommand.class,
				Commands.inputs("model", folder.resolve("none.ganomaly").toFile(), "output_folder", folder.toFile()));
		assertTrue(missing, missing.contains("does not exist. Train a model with Train GANomaly"));

		Path model = Commands.resizeModel();
		Path file = Files.writeString(folder.resolve("a-file.txt"), "not a folder");
		String notAFolder = Commands.fail(
				ExportCommand.class, Commands.inputs("model", model.toFile(), "output_folder", file.toFile()));
		assertTrue(notAFolder, notAFolder.contains("is a file, not a folder"));
		String unwritable = Commands.fail(
				ExportCommand.class,
				Commands.inputs(
						"model",
						model.toFile(),
						"output_folder",
						file.resolve("export").toFile()));
		assertTrue(unwritable, unwritable.contains("does not take new files"));

		Path newer = folder.resolve("newer.ganomaly");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(newer))) {
			out.putNextEntry(new ZipEntry("manifest.json"));
			out.write("{\"format\": \"GANomaly for Fiji model\", \"formatVersion\": 99}"
					.getBytes(StandardCharsets.UTF_8));
		}
		String tooNew = Commands.fail(
				ExportCommand.class, Commands.inputs("model", newer.toFile(), "output_folder", folder.toFile()));
		assertTrue(tooNew, tooNew.contains("was written by a newer GANomaly for Fiji (model format 99"));

		Path out = folder.resolve("out");
		Commands.succeed(ExportCommand.class, Commands.inputs("model", model.toFile(), "output_folder", out.toFile()));
		byte[] first = Files.readAllBytes(out.resolve("resize.onnx"));
		String exists = Commands.fail(
				ExportCommand.class, Commands.inputs("model", model.toFile(), "output_folder", out.toFile()));
		assertTrue(exists, exists.contains("already exists. Choose another folder, or tick Overwrite"));
		Commands.succeed(
				ExportCommand.class,
				Commands.inputs("model", model.toFile(), "output_folder", out.toFile(), "overwrite", true));
		assertEquals("the same export again", first.length, Files.size(out.resolve("resize.onnx")));
		assertFalse(
				"no temporary files are left",
				Files.list(out).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
	}
}
