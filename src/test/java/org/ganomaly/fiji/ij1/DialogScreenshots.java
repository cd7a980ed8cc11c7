package org.ganomaly.fiji.ij1;

import ij.ImageJ;
import ij.measure.ResultsTable;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.ganomaly.fiji.command.RocCommand;
import org.ganomaly.fiji.command.ScoreCommand;
import org.ganomaly.fiji.command.TrainCommand;

/**
 * Opens the commands' dialogs as a user would, in ImageJ 1.x on the display it is given (a 1280x800 Xvfb screen in
 * {@link DialogFitTest}), and writes a screenshot of each window and a properties file of what is on it: bounds,
 * the OK button's bounds, labels, checkboxes and choices. Run as {@code DialogScreenshots OUTPUT_FOLDER}.
 */
public final class DialogScreenshots {

	private final Path out;
	private final Properties found = new Properties();
	private final Robot robot;

	private DialogScreenshots(Path out) throws Exception {
		this.out = out;
		this.robot = new Robot();
	}

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[0]);
		Files.createDirectories(out);
		new ImageJ();
		ResultsTable scores = new ResultsTable();
		scores.addValue("Latent score", 1);
		scores.show("GANomaly Scores");
		try {
			new DialogScreenshots(out).run();
		} catch (Exception | Error e) {
			e.printStackTrace();
			System.exit(1); // ImageJ's windows would keep the JVM alive
		}
		System.exit(0);
	}

	private void run() throws Exception {
		Thread train = open(TrainCommand.class.getName());
		Dialog dialog = await("Train GANomaly", null);
		record("train", dialog);
		press(dialog, CommandDialog.MORE_BUTTON);
		Dialog more = await("Train GANomaly - more settings", null);
		record("train-more", more);
		press(more, "Help");
		record("train-more-help", awaitOther(Set.of(dialog, more)));
		closeAllBut(Set.of(dialog, more));
		press(more, "Cancel");
		press(dialog, "Help");
		record("train-help", awaitOther(Set.of(dialog)));
		closeAllBut(Set.of(dialog));
		// An error that names a long path: the message dialog must still fit the screen.
		onEventThread(() -> {
			selectChoice(dialog, "Training images from", "folder");
			setText(
					dialog,
					"Training folder or list",
					"/data/screens/plate-0042/a-rather-long-folder-name/of-normal-images"
							+ "/that-does-not-exist/acquired-2026-11-30/normal");
			setText(dialog, "Model file", out.resolve("never.ganomaly").toString());
		});
		press(dialog, "OK");
		record("train-error", await("Train GANomaly", dialog));
		closeAllBut(Set.of());
		train.join(60_000);

		Thread score = open(ScoreCommand.class.getName());
		Dialog scoring = await("Score Stack", null);
		record("score", scoring);
		press(scoring, CommandDialog.MORE_BUTTON);
		Dialog scoringMore = await("Score Stack - more settings", null);
		record("score-more", scoringMore);
		press(scoringMore, "Cancel");
		press(scoring, "Cancel");
		score.join(60_000);

		Thread roc = open(RocCommand.class.getName());
		Dialog evaluation = await("ROC Evaluation", null);
		record("roc", evaluation);
		press(evaluation, "Cancel");
		roc.join(60_000);

		try (OutputStream stream = Files.newOutputStream(out.resolve("dialogs.properties"))) {
			found.store(stream, "what DialogScreenshots saw");
		}
	}

	private static Thread open(String command) {
		Thread thread = new Thread(() -> new RunCommand().run(command), command);
		thread.start();
		return thread;
	}

	/** The showing dialog of that title (other than {@code not}), once it has been laid out and painted. */
	private static Dialog await(String title, Window not) throws InterruptedException {
		for (int tries = 0; tries < 600; tries++) {
			for (Window window : Window.getWindows())
				if (window instanceof Dialog d && window != not && window.isShowing() && title.equals(d.getTitle())) {
					Thread.sleep(700);
					return d;
				}
			Thread.sleep(100);
		}
		throw new IllegalStateException("No dialog '" + title + "' appeared; windows: " + titles());
	}

	/** A showing window that is neither ImageJ's nor one of {@code known}. */
	private static Window awaitOther(Set<Window> known) throws InterruptedException {
		for (int tries = 0; tries < 600; tries++) {
			for (Window window : Window.getWindows())
				if (window.isShowing() && !known.contains(window) && window instanceof Dialog) {
					Thread.sleep(700);
					return window;
				}
			Thread.sleep(100);
		}
		throw new IllegalStateException("No new dialog appeared; windows: " + titles());
	}

	private static void closeAllBut(Set<Window> keep) throws Exception {
		onEventThread(() -> {
			for (Window window : Window.getWindows())
				if (window instanceof Dialog && window.isShowing() && !keep.contains(window))
					window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSING));
		});
		Thread.sleep(300);
	}

	private static List<String> titles() {
		List<String> titles = new ArrayList<>();
		for (Window window : Window.getWindows())
			if (window.isShowing()) titles.add(window instanceof Dialog d ? d.getTitle() : window.getName());
		return titles;
	}

	/** Waits until the window has kept its bounds for 1.5 s (ImageJ's help dialog shrinks itself after it shows). */
	private static void settle(Window window) throws Exception {
		AtomicReference<Rectangle> before = new AtomicReference<>(new Rectangle());
		for (int stable = 0, tries = 0; stable < 5 && tries < 100; tries++) {
			Thread.sleep(300);
			AtomicReference<Rectangle> now = new AtomicReference<>();
			onEventThread(() -> now.set(window.getBounds()));
			stable = now.get().equals(before.get()) ? stable + 1 : 0;
			before.set(now.get());
		}
	}

	private void record(String name, Window window) throws Exception {
		settle(window);
		AtomicReference<Rectangle> bounds = new AtomicReference<>();
		onEventThread(() -> {
			bounds.set(window.getBounds());
			put(name + ".bounds", window.getBounds());
			List<String> labels = new ArrayList<>();
			List<String> checkboxes = new ArrayList<>();
			List<String> choices = new ArrayList<>();
			visit(window, c -> {
				if (c instanceof Label label && !label.getText().isBlank()) labels.add(label.getText());
				if (c instanceof Checkbox box) checkboxes.add(box.getLabel());
				if (c instanceof Choice choice) {
					List<String> items = new ArrayList<>();
					for (int i = 0; i < choice.getItemCount(); i++) items.add(choice.getItem(i));
					choices.add(String.join(",", items));
				}
				if (c instanceof Button button && button.getLabel().trim().equals("OK"))
					put(name + ".ok", new Rectangle(button.getLocationOnScreen(), button.getSize()));
			});
			found.setProperty(name + ".labels", String.join("|", labels));
			found.setProperty(name + ".checkboxes", String.join("|", checkboxes));
			found.setProperty(name + ".choices", String.join("|", choices));
		});
		Rectangle screen = new Rectangle(0, 0, 1280, 800).union(bounds.get());
		ImageIO.write(
				robot.createScreenCapture(screen),
				"png",
				out.resolve(name + ".png").toFile());
	}

	private void put(String key, Rectangle r) {
		found.setProperty(key, r.x + "," + r.y + "," + r.width + "," + r.height);
	}

	private static void press(Container dialog, String label) throws Exception {
		AtomicReference<Button> target = new AtomicReference<>();
		onEventThread(() -> visit(dialog, c -> {
			if (c instanceof Button button && button.getLabel().trim().equals(label)) target.set(button);
		}));
		if (target.get() == null) throw new IllegalStateException("No button '" + label + "' on " + dialog);
		Button button = target.get();
		// Later, on the event thread: the listener may open a modal dialog, which must not block this thread.
		EventQueue.invokeLater(() ->
				button.dispatchEvent(new ActionEvent(button, ActionEvent.ACTION_PERFORMED, button.getActionCommand())));
		Thread.sleep(300);
	}

	/** The component that follows the label of that text in the dialog's layout. */
	private static Component fieldOf(Container dialog, String label) {
		List<Component> all = new ArrayList<>();
		visit(dialog, all::add);
		for (int i = 0; i < all.size(); i++)
			if (all.get(i) instanceof Label l && l.getText().equals(label)) {
				for (int j = i + 1; j < all.size(); j++)
					if (all.get(j) instanceof TextField || all.get(j) instanceof Choice) return all.get(j);
			}
		throw new IllegalStateException("No field labelled '" + label + "'");
	}

	private static void selectChoice(Container dialog, String label, String item) {
		Choice choice = (Choice) fieldOf(dialog, label);
		choice.select(item);
	}

	private static void setText(Container dialog, String label, String text) {
		((TextField) fieldOf(dialog, label)).setText(text);
	}

	private static void visit(Component component, Consumer<Component> action) {
		action.accept(component);
		if (component instanceof Container container)
			for (Component child : container.getComponents()) visit(child, action);
	}

	private interface Step {
		void run() throws IOException;
	}

	private static void onEventThread(Step step) throws Exception {
		AtomicReference<Exception> failure = new AtomicReference<>();
		EventQueue.invokeAndWait(() -> {
			try {
				step.run();
			} catch (IOException | RuntimeException e) {
				failure.set(e);
			}
		});
		if (failure.get() != null) throw failure.get();
	}
}
