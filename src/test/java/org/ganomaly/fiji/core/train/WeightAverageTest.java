package org.ganomaly.fiji.core.train;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ganomaly.fiji.core.engine.Engines;
import org.ganomaly.fiji.core.nn.Tensor;
import org.junit.Test;

public class WeightAverageTest {

	@Test
	public void theAverageFollowsTheDecayRampAndExchangeSwapsBothWays() {
		Engines.pytorch();
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NDArray weight = manager.create(new float[] {0f, 0f});
			List<Tensor> parameters = List.of(new Tensor("w", weight, true));
			try (WeightAverage average = new WeightAverage(parameters, 2)) {
				double decay = Math.pow(0.5, 0.5);
				double expected = 0;
				for (int t = 1; t <= 40; t++) {
					weight.set(new float[] {t, -t});
					average.update();
					double d = Math.min(decay, (1.0 + t) / (10.0 + t));
					expected = d * expected + (1 - d) * t;
				}
				assertTrue("the ramp ends below the half-life decay", (1.0 + 40) / 50 > decay);
				average.exchange();
				assertArrayEquals(new float[] {(float) expected, (float) -expected}, weight.toFloatArray(), 1e-4f);
				assertArrayEquals(new float[] {40f, -40f}, average.state().get("w"), 0f);
				assertEquals(40f, average.state().get("updates")[0], 0f);
				average.exchange();
				assertArrayEquals(new float[] {40f, -40f}, weight.toFloatArray(), 0f);
			}
		}
	}

	@Test
	public void stateRestoresIntoAFreshAverage() {
		Engines.pytorch();
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			NDArray weight = manager.create(new float[] {1f, 2f, 3f});
			List<Tensor> parameters = List.of(new Tensor("w", weight, true));
			try (WeightAverage first = new WeightAverage(parameters, 3);
					WeightAverage second = new WeightAverage(parameters, 3)) {
				weight.set(new float[] {4f, 5f, 6f});
				first.update();
				second.restore(first.state());
				assertArrayEquals(first.state().get("w"), second.state().get("w"), 0f);
				assertEquals(1f, second.state().get("updates")[0], 0f);
			}
		}
	}

	@Test(expected = IllegalArgumentException.class)
	public void aHalfLifeOfZeroIsRefused() {
		new WeightAverage(List.of(), 0);
	}
}
