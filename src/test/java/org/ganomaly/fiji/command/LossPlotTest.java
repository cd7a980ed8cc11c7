package org.ganomaly.fiji.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ij.gui.Plot;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingListener;
import org.junit.Test;

public class LossPlotTest {

	private static TrainingListener.Epoch epoch(int n, double errG, double validation, boolean best) {
		return new TrainingListener.Epoch(n, 3, new Losses(errG, 0.01, 0.4, 0.002, 0.3), validation, 0.8, best, 1);
	}

	private static Plot plotOf(LossPlot losses) {
		return (Plot) losses.image().getProperty(Plot.PROPERTY_KEY);
	}

	@Test
	public void showsTheValidationScoreAndMarksTheKeptEpoch() {
		LossPlot losses = new LossPlot("losses");
		losses.add(epoch(1, 30, 0.004, true));
		losses.add(epoch(2, 20, 0.0004, true));
		losses.add(epoch(3, 25, 0.002, false));
		assertTrue(plotOf(losses).getLabel('x'), plotOf(losses).getLabel('x').contains("best so far, epoch 2"));
		losses.keep(2);
		Plot plot = plotOf(losses);
		assertTrue(plot.getLabel('x'), plot.getLabel('x').contains("kept epoch 2"));
		// The five losses and the validation score: six data sets, the last the validation scores.
		assertEquals(6, plot.getDataObjectDesignations().length);
		assertArrayEquals(new float[] {0.004f, 0.0004f, 0.002f}, plot.getDataObjectArrays(5)[1], 1e-9f);
	}

	@Test
	public void noCurveRunsAlongTheFrameAndTicksFallOnWholeEpochs() {
		LossPlot losses = new LossPlot("losses");
		losses.add(epoch(1, 30, Double.NaN, false));
		losses.add(epoch(2, 40, Double.NaN, false));
		double[] limits = plotOf(losses).getLimits();
		assertTrue("errG 40 below the top " + limits[3], limits[3] >= 40 * 1.5);
		assertTrue("encoder 0.002 above the bottom " + limits[2], limits[2] <= 0.002 / 1.5);
		// Half an epoch either side, and at least five epochs wide, so that ticks are whole epochs.
		assertEquals(0.5, limits[0], 0);
		assertEquals(5.5, limits[1], 0);
		assertEquals("no validation curve without validation", 5, plotOf(losses).getDataObjectDesignations().length);
	}
}
