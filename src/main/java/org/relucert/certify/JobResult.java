package org.relucert.certify;

import java.io.Serializable;

/**
 * The outcome of one job, one line of results.csv.
 *
 * @param image   the item's name (image number, or the vnnlib path of an instance)
 * @param eps     the radius as written ("" for instances)
 * @param method  the method's name
 * @param verdict one of {@link Verdicts}
 * @param margin  certified lower bound of the worst margin row (NaN when none: misclassified, error, and
 *                verify's falsified/timeout)
 * @param seconds wall-clock time of the job
 * @param version relucert version that computed it
 * @param message a note (error message, counterexample check, ...), no commas or line breaks
 */
public record JobResult(String image, String eps, String method, String verdict, double margin, double seconds,
                        String version, String message) implements Serializable {

    /** The header of results.csv. */
    public static final String HEADER = "image,eps,method,verdict,margin,seconds,version,message";

    public JobResult {
        message = clean(message);
    }

    /** The job key (name, eps, method). */
    public String key() {
        return Job.key(image, eps, method);
    }

    /** One CSV line with its trailing newline. */
    public String csvLine() {
        return String.join(",", clean(image), eps, method, verdict, Double.isNaN(margin) ? "" : Double.toString(margin),
                String.format(java.util.Locale.ROOT, "%.3f", seconds), version, message) + "\n";
    }

    /** Parses a line written by {@link #csvLine()} (without the newline); null when it is not one. */
    public static JobResult parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            return null;
        }
        try {
            double margin = f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4]);
            return new JobResult(f[0], f[1], f[2], f[3], margin, Double.parseDouble(f[5]), f[6], f[7]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the verdict says the item is robust. */
    public boolean certified() {
        return Verdicts.CERTIFIED.equals(verdict);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace(',', ';').replace('\n', ' ').replace('\r', ' ');
    }
}
