package org.ganomaly.fiji.command;

import static org.ganomaly.fiji.command.Commands.fail;
import static org.ganomaly.fiji.command.Commands.pixels;
import static org.ganomaly.fiji.command.Commands.succeed;
import static org.ganomaly.fiji.command.Commands.tinyTraining;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.model.GanomalyModel;
import org.ganomaly.fiji.core.model.ModelFile;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.runtime.DeviceRuntime;
import org.ganomaly.fiji.demo.DemoImages;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.command.CommandModule;

public class TrainCommandTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void trainsOnAnOpenStackWithASeededSplitAndWritesTheModel() throws IOException {
		Path model = temp.getRoot().toPath().resolve("blobs"); // the extension is added
		ImagePlus stack = DemoImages.normals("normals", 16, 40, 3);
		Object[] before = pixels(stack);
		Map<String, Object> in = tinyTraining(model.toAbsolutePath());
		in.put("training", stack);
		CommandModule module = succeed(TrainCommand.class, in);

		ModelManifest manifest = ModelFile.readManifest(temp.getRoot().toPath().resolve("blobs.ganomaly"));
		assertEquals(16, manifest.network().image().size());
		assertEquals(1, manifest.network().image().channels());
		assertEquals(IntensityRange.BYTE, manifest.intensity());
		assertEquals(Sampling.resize(), manifest.preprocessing().sampling());
		assertEquals(36, manifest.summary().trainingSamples());
		assertEquals(4, manifest.summary().validationSamples());
		assertEquals("validation", manifest.calibration().source());
		ResultsTable losses = Tables.find(TrainCommand.LOSSES_TITLE);
		assertEquals(1, losses.size());
		assertTrue(Double.isFinite(losses.getValue("errG", 0)));
		ImagePlus plot = (ImagePlus) module.getOutput("loss_plot");
		assertNotNull(plot);
		assertTrue(plot.getWidth() > 100);
		assertArrayEquals("the training stack is unchanged", before, pixels(stack));
	}

	@Test
	public void trainsOnTilesOfAFolderOf16BitImagesSkippingAnUnreadableFileAndValidatesOnAFolder() throws IOException {
		Path training = folderOf16BitImages("training", 6);
		Files.writeString(training.resolve("broken.tif"), "not a TIFF");
		Path validation = folderOf16BitImages("validation", 2);
		Path model = temp.getRoot().toPath().resolve("tiles.ganomaly");
		Map<String, Object> in = tinyTraining(model);
		in.putAll(Commands.inputs(
				"source",
				"folder",
				"training_folder",
				training.toFile(),
				"validation",
				"folder",
				"validation_folder",
				validation.toFile(),
				"sampling",
				"tile",
				"tile_stride",
				8));
		succeed(TrainCommand.class, in);

		ModelManifest manifest = ModelFile.readManifest(model);
		assertEquals(Sampling.tile(8), manifest.preprocessing().sampling());
		assertEquals(6 * 9, manifest.summary().trainingSamples()); // 32×32 in 16×16 tiles every 8 px: 3×3
		assertEquals(2 * 9, manifest.summary().validationSamples());
		assertNotEquals("16-bit images get a measured range", IntensityRange.BYTE, manifest.intensity());
		assertTrue(manifest.intensity().max() <= 1000 + 400);
	}

	@Test
	public void aFolderWithNoUsableImageSaysWhichFilesAndWhy() throws IOException {
		Path training = folderOf16BitImages("too-small", 3); // 32×32 images, 64×64 tiles asked for
		Map<String, Object> in = tinyTraining(temp.getRoot().toPath().resolve("none.ganomaly"));
		in.putAll(Commands.inputs(
				"source", "folder", "training_folder", training.toFile(), "sampling", "tile", "image_size", 64));
		String message = fail(TrainCommand.class, in);
		assertTrue(
				message,
				message.startsWith("None of the images in folder '" + training + "' can be used for "
						+ "training. Skipped 3 of 3 files:"));
		assertTrue(
				message,
				message.contains("too-small1.tif: Image 'too-small1.tif' is 32×32 pixels, smaller than "
						+ "the model's 64×64 tiles. Train a model with sampling 'resize'"));
		assertTrue(
				message,
				message.endsWith("Choose images that fit the model (image size, channels, sampling), or "
						+ "change those settings."));
	}

	@Test
	public void theLogSaysWhatHappenedInPlainWords() {
		List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
		org.scijava.log.LogListener listener = message -> log.add(message.text());
		org.scijava.log.LogService logs = Commands.context().service(org.scijava.log.LogService.class);
		logs.addLogListener(listener);
		try {
			Map<String, Object> in = tinyTraining(temp.getRoot().toPath().resolve("plain.ganomaly"));
			in.put("training", DemoImages.normals("normals", 16, 9, 7));
			in.put("validation", "none");
			succeed(TrainCommand.class, in);
		} finally {
			logs.removeLogListener(listener);
		}
		String all = String.join("\n", log);
		assertTrue(all, all.contains("Training on 9 samples of normals") && all.contains("validating on none"));
		assertTrue(all, all.contains("Epoch 1/1: errG "));
		assertFalse("no NaN validation score without validation:\n" + all, all.contains("validation score NaN"));
	}

	@Test
	public void stopsAtAnUnreadableFileWhenAskedTo() throws IOException {
		Path training = folderOf16BitImages("training", 2);
		Files.writeString(training.resolve("broken.tif"), "not a TIFF");
		Map<String, Object> in = tinyTraining(temp.getRoot().toPath().resolve("m.ganomaly"));
		in.putAll(
				Commands.inputs("source", "folder", "training_folder", training.toFile(), "unreadable_files", "stop"));
		String message = fail(TrainCommand.class, in);
		assertTrue(message, message.contains("broken.tif"));
	}

	@Test
	public void neverOverwritesAModelUnlessAllowed() throws IOException {
		Path model = temp.newFile("taken.ganomaly").toPath();
		Files.writeString(model, "an older model");
		Map<String, Object> in = tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 16, 4));
		String message = fail(TrainCommand.class, in);
		assertTrue(message, message.contains("already exists") && message.contains("overwrite"));
		assertEquals("an older model", Files.readString(model));

		in.put("overwrite", true);
		succeed(TrainCommand.class, in);
		assertEquals(16, ModelFile.readManifest(model).network().image().size());
	}

	@Test
	public void writesNoModelWhenCancelledBeforeTheFirstEpoch() {
		Path model = temp.getRoot().toPath().resolve("cancelled.ganomaly");
		Map<String, Object> in = tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 16, 5));
		Commands.runCancelled(TrainCommand.class, in);
		assertFalse(Files.exists(model));
	}

	@Test
	public void aTrainingThatDivergesIsAClearErrorAndWritesNoModel() {
		Path model = temp.getRoot().toPath().resolve("diverged.ganomaly");
		Map<String, Object> in = tinyTraining(model);
		in.put("training", DemoImages.normals("normals", 16, 16, 5));
		in.put("learning_rate", 1e30);
		String message = fail(TrainCommand.class, in);
		assertTrue(message, message.startsWith("Training diverged at "));
		assertTrue(
				message,
				message.contains("No good epoch was completed, so no model was made. Try a lower learning rate"));
		assertFalse(Files.exists(model));
	}

	@Test
	public void explainsBadInput() {
		Map<String, Object> in = tinyTraining(temp.getRoot().toPath().resolve("bad.ganomaly"));
		in.put("training", null);
		assertTrue(fail(TrainCommand.class, in).contains("No training image"));

		ImagePlus empty = new ImagePlus();
		empty.setTitle("nothing");
		in.put("training", empty);
		assertTrue(fail(TrainCommand.class, in).contains("'nothing' is empty"));

		in.put("training", DemoImages.normals("small", 16, 16, 6));
		in.put("image_size", 32);
		in.put("sampling", "tile");
		assertTrue(fail(TrainCommand.class, in).contains("smaller than the model's 32×32 tiles"));

		in.put("image_size", 24);
		assertTrue(fail(TrainCommand.class, in).contains("power of two"));

		ImageStack stack = new ImageStack(16, 16);
		stack.addSlice("fine", new FloatProcessor(16, 16));
		FloatProcessor broken = new FloatProcessor(16, 16);
		broken.setf(3, 4, Float.NaN);
		stack.addSlice("broken", broken);
		in.put("training", new ImagePlus("floats", stack));
		in.put("image_size", 16);
		in.put("sampling", "resize");
		String message = fail(TrainCommand.class, in);
		assertTrue(message, message.contains("slice 2 (broken)") && message.contains("NaN"));

		in.put("training", DemoImages.normals("few", 16, 5, 7));
		assertTrue(fail(TrainCommand.class, in).contains("fewer than the batch size"));
	}

	@Test
	public void continuingAModelGivesTheModelOfOneLongerRun() throws IOException {
		ImagePlus normals = DemoImages.normals("normals", 16, 40, 4);
		Path root = temp.getRoot().toPath();
		Map<String, Object> twoEpochs = tinyTraining(root.resolve("straight.ganomaly"));
		twoEpochs.putAll(Commands.inputs("training", normals, "epochs", 2, "keep_epoch", "last"));
		succeed(TrainCommand.class, twoEpochs);

		Map<String, Object> first = new java.util.HashMap<>(twoEpochs);
		first.putAll(Commands.inputs(
				"epochs", 1, "model", root.resolve("first.ganomaly").toFile()));
		succeed(TrainCommand.class, first);
		Map<String, Object> more = new java.util.HashMap<>(twoEpochs);
		more.putAll(Commands.inputs(
				"model",
				root.resolve("continued.ganomaly").toFile(),
				"continue_from",
				root.resolve("first.ganomaly").toFile()));
		succeed(TrainCommand.class, more);

		try (GanomalyModel straight = ModelFile.load(root.resolve("straight.ganomaly"), DeviceRuntime.cpu());
				GanomalyModel continued = ModelFile.load(root.resolve("continued.ganomaly"), DeviceRuntime.cpu())) {
			assertEquals(2, continued.manifest().summary().epochsCompleted());
			Map<String, float[]> expected = straight.networks().snapshot();
			Map<String, float[]> actual = continued.networks().snapshot();
			for (String key : expected.keySet()) assertArrayEquals(key, expected.get(key), actual.get(key), 0f);
		}

		Map<String, Object> changed = new java.util.HashMap<>(more);
		changed.putAll(Commands.inputs(
				"learning_rate",
				0.001,
				"model",
				root.resolve("changed.ganomaly").toFile()));
		String message = fail(TrainCommand.class, changed);
		assertTrue(message, message.contains("learning rate was 0.0002, is 0.001"));

		Map<String, Object> wider = new java.util.HashMap<>(more);
		wider.putAll(Commands.inputs(
				"nf", 16, "model", root.resolve("wider.ganomaly").toFile()));
		message = fail(TrainCommand.class, wider);
		assertTrue(message, message.contains("has the network 16×16 grey, nz 16, nf 8"));

		Map<String, Object> notMore = new java.util.HashMap<>(more);
		notMore.putAll(Commands.inputs(
				"epochs", 1, "model", root.resolve("same.ganomaly").toFile()));
		message = fail(TrainCommand.class, notMore);
		assertTrue(message, message.contains("already been trained for 1 epochs"));

		Map<String, Object> small = new java.util.HashMap<>(first);
		small.putAll(Commands.inputs(
				"scoring_only", true, "model", root.resolve("small.ganomaly").toFile()));
		succeed(TrainCommand.class, small);
		Map<String, Object> fromSmall = new java.util.HashMap<>(more);
		fromSmall.putAll(Commands.inputs(
				"continue_from",
				root.resolve("small.ganomaly").toFile(),
				"model",
				root.resolve("never.ganomaly").toFile()));
		message = fail(TrainCommand.class, fromSmall);
		assertTrue(message, message.contains("saved for scoring only"));
		assertFalse("nothing written on refusal", Files.exists(root.resolve("never.ganomaly")));
	}

	/** 32×32 16-bit images (values around 1000) in a new folder. */
	private Path folderOf16BitImages(String name, int count) throws IOException {
		File folder = temp.newFolder(name);
		ImagePlus normals = DemoImages.normals(name, 32, count, name.hashCode());
		for (int n = 1; n <= count; n++) {
			ShortProcessor slice = new ShortProcessor(32, 32);
			for (int p = 0; p < 32 * 32; p++)
				slice.set(p, 1000 + normals.getStack().getProcessor(n).get(p));
			IJ.saveAsTiff(new ImagePlus(name + n, slice), new File(folder, name + n + ".tif").getPath());
		}
		return folder.toPath();
	}
}
