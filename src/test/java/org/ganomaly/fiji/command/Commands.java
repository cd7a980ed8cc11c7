package org.ganomaly.fiji.command;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.ganomaly.fiji.demo.DemoImages;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;

/**
 * Runs the commands through a real SciJava context, with every input passed explicitly, and provides small trained
 * models (image size 16, nz 16, nf 8, batch 8, 1 epoch) shared by the tests of one JVM.
 */
final class Commands {

	private static Context context;
	private static Path models;
	private static Path resizeModel;
	private static Path tileModel;

	private Commands() {}

	static synchronized Context context() {
		if (context == null) context = new Context(CommandService.class, StatusService.class, LogService.class);
		return context;
	}

	/** key, value, key, value, ... */
	static Map<String, Object> inputs(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		return map;
	}

	static CommandModule run(Class<? extends Command> command, Map<String, Object> inputs) {
		try {
			return context()
					.service(CommandService.class)
					.run(command, false, inputs)
					.get();
		} catch (InterruptedException | ExecutionException e) {
			throw new AssertionError("Command " + command.getSimpleName() + " threw", e);
		}
	}

	/** Runs a command that must succeed. */
	static CommandModule succeed(Class<? extends Command> command, Map<String, Object> inputs) {
		CommandModule module = run(command, inputs);
		assertFalse(command.getSimpleName() + " failed: " + module.getCancelReason(), module.isCanceled());
		return module;
	}

	/** Runs a command that must fail; returns its message. */
	static String fail(Class<? extends Command> command, Map<String, Object> inputs) {
		CommandModule module = run(command, inputs);
		assertTrue(command.getSimpleName() + " should have failed", module.isCanceled());
		return module.getCancelReason();
	}

	/** Runs a command that was cancelled (as by the user) before it started. */
	static CommandModule runCancelled(Class<? extends Command> command, Map<String, Object> inputs) {
		Context context = context();
		ModuleService modules = context.service(ModuleService.class);
		CommandModule module = (CommandModule)
				modules.createModule(context.service(CommandService.class).getCommand(command));
		((GanomalyCommand) module.getCommand()).cancel("cancelled by the test");
		try {
			return (CommandModule) modules.run(module, false, inputs).get();
		} catch (InterruptedException | ExecutionException e) {
			throw new AssertionError("Command " + command.getSimpleName() + " threw", e);
		}
	}

	/** The tiny settings of every training in these tests. */
	static Map<String, Object> tinyTraining(Path model) {
		return inputs(
				"image_size",
				16,
				"nz",
				16,
				"nf",
				8,
				"batch_size",
				8,
				"epochs",
				1,
				"precise_bn_batches",
				2,
				"device",
				"cpu",
				"model",
				model.toFile());
	}

	/** A grey model trained on resized 16×16 images. */
	static synchronized Path resizeModel() throws IOException {
		if (resizeModel == null) {
			resizeModel = modelFolder().resolve("resize.ganomaly");
			Map<String, Object> in = tinyTraining(resizeModel);
			in.put("training", DemoImages.normals("normals", 16, 40, 1));
			succeed(TrainCommand.class, in);
		}
		return resizeModel;
	}

	/** A grey model trained on 16×16 tiles (stride 16) of 32×32 images. */
	static synchronized Path tileModel() throws IOException {
		if (tileModel == null) {
			tileModel = modelFolder().resolve("tile.ganomaly");
			Map<String, Object> in = tinyTraining(tileModel);
			in.put("training", DemoImages.normals("normals", 32, 12, 2));
			in.put("sampling", "tile");
			succeed(TrainCommand.class, in);
		}
		return tileModel;
	}

	private static Path modelFolder() throws IOException {
		if (models == null) {
			models = Files.createTempDirectory("ganomaly-models");
			Path folder = models;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
		}
		return models;
	}

	static void deleteTree(Path folder) {
		try (var files = Files.walk(folder)) {
			files.sorted(java.util.Comparator.reverseOrder())
					.forEach(p -> p.toFile().delete());
		} catch (IOException e) {
			// best effort: a temporary folder
		}
	}

	/** Deep copies of every pixel array, to check later that a command did not change its input. */
	static Object[] pixels(ImagePlus imp) {
		ImageStack stack = imp.getStack();
		Object[] copies = new Object[stack.getSize()];
		for (int n = 1; n <= stack.getSize(); n++)
			copies[n - 1] = stack.getProcessor(n).duplicate().getPixels();
		return copies;
	}
}
