package org.ganomaly.fiji.command;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.List;

import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingListener;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.macro.Interpreter;

/**
 * The per-epoch mean losses of a training run as a plot (log scale: the loss terms differ by orders of magnitude).
 * Interactively the plot window is redrawn after every epoch; in macros and headless it is drawn once at the end.
 */
final class LossPlot {

	private static final String[] NAMES = { "generator (errG)", "adversarial", "contextual", "encoder",
		"discriminator (errD)" };
	private static final Color[] COLORS = { Color.BLACK, Color.BLUE, new Color(0, 140, 0), Color.MAGENTA, Color.RED };

	private final String title;
	private final boolean live;
	private PlotWindow window;
	private Plot last;

	LossPlot(String title) {
		this.title = title;
		this.live = !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	/** Redraws the plot from the epochs so far. */
	void update(List<TrainingListener.Epoch> history) {
		last = draw(history);
		if (!live) return;
		if (window == null || window.isClosed()) window = last.show();
		else window.drawPlot(last);
	}

	/** The plot as an image (the live window's image when there is one); null before the first epoch. */
	ImagePlus image() {
		if (window != null && !window.isClosed()) return window.getImagePlus();
		return last == null ? null : last.getImagePlus();
	}

	private Plot draw(List<TrainingListener.Epoch> history) {
		Plot plot = new Plot(title, "epoch", "mean loss");
		plot.setLogScaleY();
		double[] epochs = new double[history.size()];
		double[][] series = new double[NAMES.length][history.size()];
		for (int i = 0; i < history.size(); i++) {
			TrainingListener.Epoch epoch = history.get(i);
			epochs[i] = epoch.epoch();
			Losses l = epoch.meanLosses();
			double[] values = { l.generator(), l.adversarial(), l.contextual(), l.encoder(), l.discriminator() };
			for (int s = 0; s < NAMES.length; s++)
				series[s][i] = Math.max(values[s], 1e-12); // log scale: keep exact zeros drawable
		}
		for (int s = 0; s < NAMES.length; s++) {
			plot.setColor(COLORS[s], COLORS[s]);
			plot.add("connected circle", epochs, series[s]);
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(String.join("\n", NAMES));
		plot.setLimitsToFit(false);
		return plot;
	}
}
