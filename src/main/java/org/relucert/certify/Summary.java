package org.relucert.certify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relucert.InvalidInputException;

/**
 * Certified accuracy per (eps, method): the share of the run's items with a {@code certified} verdict
 * (misclassified, falsified, unknown, timeout and error count as not certified).
 *
 * @param rows one row per radius and method, in the plan's order
 */
public record Summary(List<Row> rows) {

    /** One (eps, method) cell: certified items out of all items. */
    public record Row(String eps, String method, int certified, int items) {
        public double accuracy() {
            return items == 0 ? 0 : (double) certified / items;
        }
    }

    /** The summary of the jobs' results (results of other jobs are ignored). */
    public static Summary of(List<Job> jobs, Map<String, JobResult> results, int items) {
        List<Row> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Job j : jobs) {
            String cell = Job.epsText(j.eps()) + "|" + j.method().name();
            if (seen.contains(cell)) {
                continue;
            }
            seen.add(cell);
            int certified = 0;
            for (Job k : jobs) {
                if (k.method().equals(j.method()) && Job.epsText(k.eps()).equals(Job.epsText(j.eps()))) {
                    JobResult r = results.get(k.key());
                    if (r != null && r.certified()) {
                        certified++;
                    }
                }
            }
            rows.add(new Row(Job.epsText(j.eps()), j.method().name(), certified, items));
        }
        return new Summary(rows);
    }

    /** Writes eps,method,certified_accuracy,certified,items. */
    public void write(Path file) {
        StringBuilder sb = new StringBuilder("eps,method,certified_accuracy,certified,items\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.4f,%d,%d%n", r.eps(), r.method(), r.accuracy(), r.certified(),
                    r.items()));
        }
        try {
            Files.writeString(file, sb);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** A text table: one line per radius, one column per method. */
    public String table() {
        List<String> methods = new ArrayList<>();
        List<String> radii = new ArrayList<>();
        for (Row r : rows) {
            if (!methods.contains(r.method())) {
                methods.add(r.method());
            }
            if (!radii.contains(r.eps())) {
                radii.add(r.eps());
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s", "eps"));
        for (String m : methods) {
            sb.append(String.format(Locale.ROOT, " %16s", m));
        }
        sb.append('\n');
        for (String e : radii) {
            sb.append(String.format(Locale.ROOT, "%-8s", e.isEmpty() ? "-" : e));
            for (String m : methods) {
                for (Row r : rows) {
                    if (r.eps().equals(e) && r.method().equals(m)) {
                        String cell = String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * r.accuracy(), r.certified(), r.items());
                        sb.append(String.format(Locale.ROOT, " %16s", cell));
                    }
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
