package org.relucert.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr (me.tongfei:progressbar) showing a fraction in per mille; a no-op when quiet
 * or when stderr is not a terminal.
 */
final class ProgressDisplay implements AutoCloseable {
    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    static ProgressDisplay open(String task, boolean quiet) {
        if (quiet || System.console() == null) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1000)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit("‰", 1).build();
        return new ProgressDisplay(bar);
    }

    /** Sets the fraction done (0..1). */
    void update(double fraction) {
        if (bar != null) {
            bar.stepTo(Math.min(1000, Math.round(fraction * 1000)));
        }
    }

    /** Sets a count done out of a total (for benchmark runs). */
    void update(long done, long total) {
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
