package org.ganomaly.fiji.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.ganomaly.fiji.command.ExportCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;
import org.ganomaly.fiji.demo.Demo;
import org.ganomaly.fiji.demo.DemoImages;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * The Java side of bench/onnx-check.sh: a model, its ONNX export, a folder of image files and Score Stack's CSV of
 * that folder ({@code source=folder, csv=}), for the Python side to score the folder in ONNX Runtime and compare.
 * <ul>
 * <li>{@code demo}: the demo's model (Demo, 32×32 grey, resized) and its test stack written as one TIFF per image.</li>
 * <li>{@code tiled}: an RGB model on 64×64 tiles every 24 px of 96×96 images (so the last tiles end flush with the
 * border at 32), trained briefly (nf 32, 2 epochs), and a folder of RGB test images.</li>
 * </ul>
 * Usage: {@code OnnxCheckBench demo|tiled OUT}; writes OUT/model.ganomaly, OUT/export/model.onnx(.json),
 * OUT/images/, OUT/scores.csv.
 */
public final class OnnxCheckBench {

	private OnnxCheckBench() {}

	public static void main(String[] args) throws Exception {
		System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
		System.setProperty("java.awt.headless", "true");
		String which = args[0];
		Path out = Path.of(args[1]).toAbsolutePath();
		Files.createDirectories(out.resolve("images"));
		Path model = out.resolve("model.ganomaly");
		try (Context context = new Context(CommandService.class, StatusService.class, LogService.class)) {
			CommandService commands = context.service(CommandService.class);
			ImagePlus test;
			if (which.equals("demo")) {
				Path demo = out.resolve("demo-run");
				Demo.main(new String[] {demo.toString()});
				Files.copy(demo.resolve("demo.ganomaly"), model);
				test = IJ.openImage(demo.resolve("test-images.tif").toString());
			} else if (which.equals("tiled")) {
				run(
						commands,
						TrainCommand.class,
						Map.of(
								"training",
								rgb("training", 96, 24, 0, 0, 10),
								"image_size",
								"64",
								"sampling",
								"tile",
								"tile_stride",
								24,
								"nf",
								32,
								"epochs",
								2,
								"batch_size",
								16,
								"device",
								"cpu",
								"model",
								model.toFile()));
				test = rgb("test", 96, 6, 3, 3, 20);
			} else throw new IllegalArgumentException("Unknown case '" + which + "': demo or tiled.");
			for (int n = 1; n <= test.getStackSize(); n++) {
				ImagePlus slice = new ImagePlus(
						test.getStack().getSliceLabel(n), test.getStack().getProcessor(n));
				String name = String.format(
						Locale.ROOT, "%03d-%s.tif", n, test.getStack().getSliceLabel(n));
				if (!new FileSaver(slice)
						.saveAsTiff(out.resolve("images").resolve(name).toString()))
					throw new IOException("Could not write " + name);
			}
			run(
					commands,
					ScoreCommand.class,
					Map.of(
							"source",
							"folder",
							"input_folder",
							out.resolve("images").toFile(),
							"model",
							model.toFile(),
							"csv",
							out.resolve("scores.csv").toFile(),
							"device",
							"cpu"));
			run(
					commands,
					ExportCommand.class,
					Map.of(
							"model",
							model.toFile(),
							"output_folder",
							out.resolve("export").toFile()));
		}
		System.exit(0); // DJL's and SciJava's threads would keep the JVM alive
	}

	/** RGB images whose three channels are demo images of three seeds (labels from the first). */
	private static ImagePlus rgb(String title, int size, int normals, int stripes, int scratched, long seed) {
		ImageStack[] channels = new ImageStack[3];
		for (int c = 0; c < 3; c++)
			channels[c] = DemoImages.mixed(title, size, normals, stripes, scratched, seed + c)
					.getStack();
		ImageStack stack = new ImageStack(size, size);
		for (int n = 1; n <= channels[0].getSize(); n++) {
			ColorProcessor rgb = new ColorProcessor(size, size);
			rgb.setRGB((byte[]) channels[0].getPixels(n), (byte[]) channels[1].getPixels(n), (byte[])
					channels[2].getPixels(n));
			stack.addSlice(channels[0].getSliceLabel(n), rgb);
		}
		return new ImagePlus(title, stack);
	}

	private static void run(CommandService commands, Class<? extends Command> command, Map<String, Object> inputs)
			throws InterruptedException, ExecutionException {
		CommandModule module = commands.run(command, false, inputs).get();
		if (module.isCanceled())
			throw new IllegalStateException(command.getSimpleName() + " failed: " + module.getCancelReason());
	}
}
