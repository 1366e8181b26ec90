package dev.modelops.cli;

import dev.modelops.core.exec.RunListener;
import dev.modelops.core.exec.TaskOutcome;
import dev.modelops.core.plan.PlannedTask;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Progress of a run: on a terminal one line per task that is redrawn as the task advances; in CI
 * (no console, {@code CI=true} or a dumb terminal) plain time-stamped lines a log can keep.
 */
final class ConsoleProgress implements RunListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintWriter out;
    private final boolean interactive;
    private boolean lineOpen;

    ConsoleProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    static boolean isInteractive(java.util.Map<String, String> env) {
        return System.console() != null && !"true".equalsIgnoreCase(env.getOrDefault("CI", ""))
                && !"dumb".equals(env.getOrDefault("TERM", "dumb"));
    }

    @Override
    public synchronized void taskStarted(PlannedTask task) {
        show(task, "started");
    }

    @Override
    public synchronized void taskProgress(PlannedTask task, String message, double fraction) {
        String pct = fraction >= 0 ? String.format(Locale.ROOT, " %3.0f%%", fraction * 100) : "";
        show(task, message + pct);
    }

    @Override
    public synchronized void taskFinished(PlannedTask task, TaskOutcome outcome) {
        String line = String.format(Locale.ROOT, "%s %-9s %5.1fs  %s", task.id(), outcome.status(),
                outcome.duration().toMillis() / 1000.0, outcome.message());
        if (interactive) {
            clear();
            out.println(line);
        } else {
            out.println("[" + LocalTime.now().format(TIME) + "] " + line);
        }
        out.flush();
    }

    private void show(PlannedTask task, String message) {
        if (interactive) {
            clear();
            String line = "  " + task.id() + ": " + message;
            out.print(line.length() > 118 ? line.substring(0, 118) : line);
            lineOpen = true;
        } else {
            out.println("[" + LocalTime.now().format(TIME) + "] " + task.id() + ": " + message);
        }
        out.flush();
    }

    private void clear() {
        if (lineOpen) {
            out.print("\r\033[2K");
            lineOpen = false;
        }
    }
}
