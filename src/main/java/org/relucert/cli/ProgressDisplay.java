package org.relucert.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one progress display of the CLI, on stderr. Nothing is shown for the first second (quick runs stay
 * silent; the system property {@value #AFTER_PROPERTY} sets other seconds) nor with {@code --quiet}. The mode comes from {@code RELUCERT_PROGRESS=bar|plain|off}; without it,
 * a bar redrawn in place with a carriage return when {@code System.console() != null} (stdin and stdout are
 * a terminal, so an interactive run), else plain lines, one at most every {@value #PLAIN_SECONDS} seconds and
 * at the end, never a carriage return (logs and CI stay readable). The counter reads {@code k/n} for counts
 * and a percentage for fractions; the time left is never estimated beyond the run's time limit.
 */
final class ProgressDisplay implements AutoCloseable {
    enum Mode { BAR, PLAIN, OFF }

    static final int PLAIN_SECONDS = 5;
    /** System property: seconds of silence at the start (default 1; 0 shows progress at once). */
    static final String AFTER_PROPERTY = "relucert.progress.after";
    private static final int WIDTH = 30;

    private final String task;
    private final PrintWriter err;
    private final Mode mode;
    private final long start = System.nanoTime();
    private double limitSeconds = Double.POSITIVE_INFINITY;
    private long lastPrint = Long.MIN_VALUE;
    private long baseDone;
    private int drawnWidth;
    private String lastLine;
    private final double afterSeconds = after(System.getProperty(AFTER_PROPERTY));

    ProgressDisplay(String task, PrintWriter err, Mode mode) {
        this.task = task;
        this.err = err;
        this.mode = mode;
    }

    /** The start silence in seconds for a property value: a number >= 0, else the default of 1 s. */
    static double after(String value) {
        if (value != null) {
            try {
                double s = Double.parseDouble(value.trim());
                if (s >= 0) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // the default below
            }
        }
        return 1;
    }

    static ProgressDisplay open(String task, boolean quiet) {
        return open(task, quiet, new PrintWriter(System.err, true));
    }

    static ProgressDisplay open(String task, boolean quiet, PrintWriter err) {
        return new ProgressDisplay(task, err, quiet ? Mode.OFF : mode(System.getenv("RELUCERT_PROGRESS"),
                System.console() != null));
    }

    /** The mode for an environment value (bar, plain, off; anything else: the terminal default). */
    static Mode mode(String env, boolean terminal) {
        if (env != null) {
            switch (env.trim().toLowerCase(Locale.ROOT)) {
                case "bar": return Mode.BAR;
                case "plain": return Mode.PLAIN;
                case "off": case "none": case "0": return Mode.OFF;
                default: break;
            }
        }
        return terminal ? Mode.BAR : Mode.PLAIN;
    }

    /** The time limit of the run: the estimate of the time left never goes beyond it. */
    ProgressDisplay limit(double seconds) {
        if (seconds > 0) {
            limitSeconds = seconds;
        }
        return this;
    }

    /** Counts done before this run (resumed work): the rate is measured on the rest. */
    void baseline(long done) {
        baseDone = done;
    }

    /** Sets the fraction done (0..1). */
    void update(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        show(f, String.format(Locale.ROOT, "%3.0f%%", 100 * f), f >= 1, "", f);
    }

    /** Sets a count done out of a total. */
    void update(long done, long total) {
        update(done, total, "");
    }

    /** Sets a count done out of a total, with a short note (e.g. "3 certified"). */
    void update(long done, long total, String note) {
        double f = total <= 0 ? 1 : (double) done / total;
        double rateFraction = total - baseDone <= 0 ? 1 : (double) (done - baseDone) / (total - baseDone);
        show(f, done + "/" + total, done >= total, note, rateFraction);
    }

    private synchronized void show(double f, String counter, boolean last, String note, double rateFraction) {
        if (mode == Mode.OFF) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        if (elapsed < afterSeconds && !(last && lastLine != null)) {
            return;
        }
        long gap = mode == Mode.BAR ? 200_000_000L : PLAIN_SECONDS * 1_000_000_000L;
        if (!last && lastPrint != Long.MIN_VALUE && now - lastPrint < gap) {
            return;
        }
        lastPrint = now;
        String line = line(task, f, counter, note, elapsed, eta(elapsed, rateFraction, limitSeconds));
        if (mode == Mode.BAR) {
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else if (!line.equals(lastLine)) {
            err.println(line);
        }
        lastLine = line;
        err.flush();
    }

    static String line(String task, double f, String counter, String note, double elapsed, double left) {
        int filled = (int) Math.round(WIDTH * f);
        return task + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counter
                + (note.isEmpty() ? "" : ", " + note) + ", " + time(elapsed) + " elapsed, ETA " + time(left);
    }

    /** Seconds left: the rate so far, capped by what the time limit leaves; NaN before any progress. */
    static double eta(double elapsed, double fraction, double limit) {
        double byRate = fraction <= 0 ? Double.NaN : fraction >= 1 ? 0 : elapsed / fraction * (1 - fraction);
        double byLimit = Math.max(0, limit - elapsed);
        return Double.isNaN(byRate) ? (Double.isInfinite(limit) ? Double.NaN : byLimit) : Math.min(byRate, byLimit);
    }

    static String time(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    /** Wipes the bar line so a result printed next starts on a clean line; the next update redraws it. */
    synchronized void clear() {
        if (mode == Mode.BAR && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
            lastPrint = Long.MIN_VALUE;
        }
    }

    /**
     * A writer over {@code out} that wipes the bar before each write, so that result lines printed while the
     * bar is drawn (on a terminal both streams share the screen) never run into it.
     */
    PrintWriter guard(PrintWriter out) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                clear();
                out.write(chars, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        }, true);
    }

    private Thread ticker;

    /**
     * Redraws {@code done} of {@code total} about every second until closed, for work that reports no
     * progress of its own while it runs (one long domain of {@code bounds}): the elapsed time and the time
     * left before the limit stay visible.
     */
    ProgressDisplay ticking(LongSupplier done, long total, String note) {
        if (mode == Mode.OFF) {
            return this;
        }
        ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    update(done.getAsLong(), total, note);
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "relucert-progress");
        ticker.setDaemon(true);
        ticker.start();
        return this;
    }

    @Override
    public void close() {
        Thread t = ticker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finish();
    }

    private synchronized void finish() {
        if (mode == Mode.BAR && drawnWidth > 0) {
            err.println();
            err.flush();
        }
    }
}
