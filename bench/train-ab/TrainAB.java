import ai.djl.Device;
import java.security.MessageDigest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.ganomaly.fiji.core.data.ImageShape;
import org.ganomaly.fiji.core.data.InMemorySampleSet;
import org.ganomaly.fiji.core.data.SyntheticImages;
import org.ganomaly.fiji.core.nn.NetworkConfig;
import org.ganomaly.fiji.core.runtime.GanomalyNetworks;
import org.ganomaly.fiji.core.train.EpochSelection;
import org.ganomaly.fiji.core.train.GanomalyTrainer;
import org.ganomaly.fiji.core.train.TrainingConfig;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * Two small seeded trainings (no weight averaging with rule best, averaging with rule proxy; 16x16 blobs, nz 16, nf 8, batch 8,
 * 3 epochs, precise BN, validation): a hash of every iteration's losses and epoch figures, the kept epoch, the
 * threshold's bits, and hashes of the kept weights and the optimizer moments, for comparing two revisions bit for
 * bit (bench/train-ab.sh). The step counts are left out: their saved form changed on purpose (issue 25).
 */
public class TrainAB {
	public static void main(String[] args) throws Exception {
		ImageShape shape = new ImageShape(1, 16);
		InMemorySampleSet train = new SyntheticImages(16, 7).sampleSet(SyntheticImages.Kind.BLOBS, 48);
		InMemorySampleSet validation = new SyntheticImages(16, 8).sampleSet(SyntheticImages.Kind.BLOBS, 16);
		for (Object[] run :
				new Object[][] {{0.0, EpochSelection.MIN_VALIDATION_SCORE}, {1.5, EpochSelection.MAX_PROXY_AUC}}) {
			double halfLife = (Double) run[0];
			EpochSelection rule = (EpochSelection) run[1];
			TrainingConfig config = TrainingConfig.defaults().toBuilder().batchSize(8).epochs(3).seed(3)
					.preciseBatchNormBatches(2).averagingHalfLife(halfLife).selection(rule).build();
			try (GanomalyNetworks nets = GanomalyNetworks.initialized(new NetworkConfig(shape, 16, 8, 0), Device.cpu(), 3);
					GanomalyTrainer trainer = new GanomalyTrainer(nets, config)) {
				StringBuilder log = new StringBuilder();
				GanomalyTrainer.Result r = trainer.train(train, validation, new TrainingListener() {
					@Override public void iteration(Iteration it) { log.append(it.losses()).append('\n'); }
					@Override public void epoch(Epoch e) { log.append(e.epoch()).append(' ').append(Double.doubleToLongBits(e.validationScore())).append(' ').append(Double.doubleToLongBits(e.proxyAuc())).append(' ').append(e.best()).append(' ').append(e.meanLosses()).append('\n'); }
				});
				MessageDigest md = MessageDigest.getInstance("SHA-256");
				for (var entry : new TreeMap<>(nets.snapshot()).entrySet()) {
					md.update(entry.getKey().getBytes());
					ByteBuffer b = ByteBuffer.allocate(4 * entry.getValue().length);
					for (float f : entry.getValue()) b.putFloat(f);
					md.update(b.array());
				}
				MessageDigest opt = MessageDigest.getInstance("SHA-256");
				for (var entry : new TreeMap<>(trainer.optimizerState()).entrySet()) {
					if (entry.getKey().endsWith("step") || entry.getKey().endsWith("updates")) continue; // saved differently by design
					opt.update(entry.getKey().getBytes());
					ByteBuffer b = ByteBuffer.allocate(4 * entry.getValue().length);
					for (float f : entry.getValue()) b.putFloat(f);
					opt.update(b.array());
				}
				System.out.println("halfLife " + halfLife + " rule " + rule + " log-sha " + java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(log.toString().getBytes()))
						+ " kept " + r.summary().selectedEpoch() + " threshold " + Double.doubleToLongBits(r.calibration().threshold())
						+ " weights " + java.util.HexFormat.of().formatHex(md.digest()) + " optimizer " + java.util.HexFormat.of().formatHex(opt.digest()));
			}
		}
	}
}
