package org.ganomaly.fiji.core.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.IntensityRange;
import org.ganomaly.fiji.core.data.Preprocessing;
import org.ganomaly.fiji.core.data.Sampling;
import org.ganomaly.fiji.core.model.ModelManifest;
import org.ganomaly.fiji.core.score.Calibration;

/**
 * The JSON file beside an exported network: what the plugin does around it, so that another runtime scores images
 * as Score Stack does. It says how an image becomes samples (network size and channels, resize or tiles and their
 * stride), which intensities map to [-1, 1], the threshold on the latent score, and the normal images' scores that
 * turn a latent score into the calibrated score. Every rule is also written out in words ("rule" fields).
 */
public final class ScoringDescription {

	public static final String FORMAT = "GANomaly for Fiji ONNX export";
	public static final int FORMAT_VERSION = 1;

	private ScoringDescription() {}

	/** The description of a model exported as {@code onnxFileName}, as JSON text. */
	public static String json(ModelManifest manifest, String onnxFileName, String modelFileName) {
		Preprocessing preprocessing = manifest.preprocessing();
		ImageShape shape = preprocessing.shape();
		JsonObject root = new JsonObject();
		root.addProperty("format", FORMAT);
		root.addProperty("formatVersion", FORMAT_VERSION);
		root.addProperty("onnx", onnxFileName);
		root.addProperty("opset", GeneratorGraph.OPSET);
		root.addProperty("model", modelFileName);
		root.addProperty("modelCreated", manifest.created());
		root.add("image", image(shape));
		root.add("sampling", sampling(preprocessing.sampling(), shape));
		root.add("intensity", intensity(preprocessing));
		root.add("outputs", outputs());
		root.addProperty("batchNorm", "eval mode: the model's running statistics (Score Stack's batchnorm=running)");
		Calibration calibration = manifest.calibration();
		root.add("threshold", threshold(calibration));
		root.add("calibration", calibration(calibration));
		root.addProperty("mapSmoothingSigma", manifest.training().smoothing().sigma());
		if (manifest.pixelCalibration() != null)
			root.addProperty("pixelThreshold", manifest.pixelCalibration().threshold());
		return new GsonBuilder().setPrettyPrinting().create().toJson(root);
	}

	private static JsonObject image(ImageShape shape) {
		JsonObject image = new JsonObject();
		image.addProperty("size", shape.size());
		image.addProperty("channels", shape.channels());
		image.addProperty("layout", "NCHW float32");
		image.addProperty(
				"channelOrder",
				shape.channels() == 3
						? "R, G, B (a hyperstack's channels 1, 2, 3)"
						: "one grey channel (RGB images are not taken)");
		return image;
	}

	private static JsonObject sampling(Sampling sampling, ImageShape shape) {
		JsonObject out = new JsonObject();
		if (sampling.isTiled()) {
			out.addProperty("mode", "tile");
			out.addProperty("tileSize", shape.size());
			out.addProperty("stride", sampling.stride());
			out.addProperty(
					"rule",
					"Each plane is cut into tileSize x tileSize tiles, one sample each. Along x (and y) the tiles "
							+ "start at min(i * stride, width - tileSize) for i = 0, 1, ... "
							+ "ceil((width - tileSize) / stride): every stride pixels, the last flush with the far "
							+ "border. Samples go row of tiles by row of tiles (y outer, x inner), plane by plane.");
		} else {
			out.addProperty("mode", "resize");
			out.addProperty(
					"rule",
					"Each plane is resized to size x size with a bilinear (triangle) filter on pixel centres, "
							+ "widened by the scale factor when shrinking, as PIL's Image.resize(BILINEAR) does; "
							+ "a non-square plane is stretched. One sample per plane.");
		}
		return out;
	}

	private static JsonObject intensity(Preprocessing preprocessing) {
		IntensityRange range = preprocessing.intensity();
		JsonObject out = new JsonObject();
		out.addProperty("min", range.min());
		out.addProperty("max", range.max());
		out.addProperty("source", preprocessing.intensitySource());
		out.addProperty(
				"rule",
				"network value = 2 * (value - min) / (max - min) - 1, computed in float32; values outside [min, max] "
						+ "are not clipped.");
		return out;
	}

	private static JsonObject outputs() {
		JsonObject out = new JsonObject();
		out.addProperty("input", GeneratorGraph.INPUT);
		out.addProperty(GeneratorGraph.LATENT, "z = encoder1(x), N x nz x 1 x 1");
		out.addProperty(GeneratorGraph.RECONSTRUCTED_LATENT, "z_hat = encoder2(x_hat)");
		out.addProperty(GeneratorGraph.RECONSTRUCTION, "x_hat = decoder(z), in [-1, 1]");
		out.addProperty(GeneratorGraph.LATENT_SCORE, "mean((z - z_hat)^2) per image: Score Stack's Latent score");
		out.addProperty(
				GeneratorGraph.ANOMALY_MAP,
				"|x - x_hat| averaged over channels, N x 1 x size x size, in network units, not smoothed");
		return out;
	}

	private static JsonObject threshold(Calibration calibration) {
		JsonObject out = new JsonObject();
		out.addProperty("latentScore", calibration.threshold());
		out.addProperty("quantile", calibration.thresholdQuantile());
		out.addProperty("rule", "an image is anomalous when its latent score is above latentScore");
		return out;
	}

	private static JsonObject calibration(Calibration calibration) {
		JsonObject out = new JsonObject();
		out.addProperty("source", calibration.source());
		out.addProperty("count", calibration.count());
		JsonArray scores = new JsonArray();
		for (double s : calibration.normalScores()) scores.add(s);
		out.add("normalScores", scores);
		out.addProperty(
				"rule",
				"calibrated score of s, with the sorted normalScores q[0..n-1]: 0 if s < q[0]; 1 if s >= q[n-1]; "
						+ "else (i + (s - q[i]) / (q[i+1] - q[i])) / (n - 1), where i is the last index with "
						+ "q[i] <= s (numpy, for distinct q: np.interp(s, q, np.linspace(0, 1, n))). "
						+ "With n = 1: 1 if s >= q[0] else 0.");
		return out;
	}
}
