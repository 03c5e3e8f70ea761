package org.relucert.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.relucert.certify.CertifyRun;
import org.relucert.certify.JobResult;

/**
 * Progress of a certify run on stderr: jobs done, certified so far and the estimated time left; one line
 * redrawn in place on a terminal, else a plain line at most every 10 seconds (and at the end).
 */
final class CertifyProgress implements CertifyRun.Listener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private int total;
    private int skipped;
    private long lastPrint;
    private boolean drawn;

    CertifyProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void started(int total, int skipped) {
        this.total = total;
        this.skipped = skipped;
        if (!quiet) {
            err.println("certify: " + total + " jobs" + (skipped > 0 ? ", " + skipped + " already done" : ""));
            err.flush();
        }
    }

    @Override
    public void finished(JobResult result, int done, int certified) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        boolean last = done == total;
        if (!last && now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L)) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        int ran = done - skipped;
        double left = ran == 0 ? Double.NaN : elapsed / ran * (total - done);
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        String line = String.format(Locale.ROOT, "certify [%s%s] %d/%d jobs, %d certified, %s elapsed, ETA %s",
                "=".repeat(filled), " ".repeat(width - filled), done, total, certified, time(elapsed), time(left));
        if (terminal) {
            err.print("\r" + line);
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    private static String time(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
