package org.ganomaly.fiji.command;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.macro.Interpreter;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.ganomaly.fiji.core.train.Losses;
import org.ganomaly.fiji.core.train.TrainingListener;

/**
 * The per-epoch mean losses of a training run and the validation score as a plot (log scale: the terms differ by
 * orders of magnitude), with the epoch the model keeps (while training: the best so far) marked by a grey line.
 * Interactively the plot window is redrawn after every epoch; in macros and headless it is drawn once at the end.
 */
final class LossPlot {

	private static final String[] NAMES = {
		"generator (errG)", "adversarial", "contextual", "encoder", "discriminator (errD)"
	};
	private static final Color[] COLORS = {Color.BLACK, Color.BLUE, new Color(0, 140, 0), Color.MAGENTA, Color.RED};
	private static final Color VALIDATION = Color.ORANGE.darker();
	private static final Color KEPT = new Color(150, 150, 150);
	/** Room above and below the curves, as a factor on the log axis, so that no curve runs along the frame. */
	private static final double MARGIN = 2;
	/** The fewest epochs the x axis spans, so that its ticks fall on whole epochs. */
	private static final int MIN_SPAN = 5;

	private final String title;
	private final boolean live;
	private final List<TrainingListener.Epoch> history = new ArrayList<>();
	private int kept;
	private boolean finished;
	private PlotWindow window;
	private Plot last;

	LossPlot(String title) {
		this.title = title;
		this.live = !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	/** Adds an epoch and redraws. */
	void add(TrainingListener.Epoch epoch) {
		history.add(epoch);
		if (epoch.best()) kept = epoch.epoch();
		redraw();
	}

	/** Marks the epoch the model keeps, once training has chosen it, and redraws. */
	void keep(int epoch) {
		kept = epoch;
		finished = true;
		redraw();
	}

	/** The plot as an image (the live window's image when there is one); null before the first epoch. */
	ImagePlus image() {
		if (window != null && !window.isClosed()) return window.getImagePlus();
		return last == null ? null : last.getImagePlus();
	}

	private void redraw() {
		last = draw();
		if (!live) return;
		if (window == null || window.isClosed()) window = last.show();
		else window.drawPlot(last);
	}

	private Plot draw() {
		Plot plot = new Plot(title, "epoch", "mean loss, validation score");
		plot.setLogScaleY();
		int n = history.size();
		double[] epochs = new double[n];
		double[][] series = new double[NAMES.length][n];
		double[] validation = new double[n];
		boolean validated = false;
		double low = Double.POSITIVE_INFINITY;
		double high = 0;
		for (int i = 0; i < n; i++) {
			TrainingListener.Epoch epoch = history.get(i);
			epochs[i] = epoch.epoch();
			Losses l = epoch.meanLosses();
			double[] values = {
				l.generator(), l.adversarial(), l.contextual(), l.encoder(), l.discriminator(), epoch.validationScore()
			};
			validated |= Double.isFinite(epoch.validationScore());
			for (int s = 0; s < values.length; s++) {
				double value = Math.max(values[s], 1e-12); // log scale: keep exact zeros drawable
				if (s < NAMES.length) series[s][i] = value;
				else validation[i] = value;
				if (Double.isFinite(value)) {
					low = Math.min(low, value);
					high = Math.max(high, value);
				}
			}
		}
		StringBuilder legend = new StringBuilder(String.join("\n", NAMES));
		for (int s = 0; s < NAMES.length; s++) {
			plot.setColor(COLORS[s], COLORS[s]);
			plot.add("connected circle", epochs, series[s]);
		}
		if (validated) {
			plot.setColor(VALIDATION, VALIDATION);
			plot.add("connected triangle", epochs, validation);
			legend.append("\nvalidation score");
		}
		double first = 0.5;
		double lastEpoch = Math.max(n, MIN_SPAN) + 0.5;
		double bottom = high > 0 ? low / MARGIN : 1e-3;
		double top = high > 0 ? high * MARGIN : 1;
		if (kept > 0) {
			plot.setColor(KEPT);
			plot.setLineWidth(2);
			plot.drawLine(kept, bottom, kept, top);
			plot.setLineWidth(1);
			plot.setXYLabels(
					"epoch (grey line: " + (finished ? "kept epoch " : "best so far, epoch ") + kept + ")",
					"mean loss, validation score");
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString());
		plot.setOptions("xdecimals=0");
		plot.setLimits(first, lastEpoch, bottom, top);
		return plot;
	}
}
