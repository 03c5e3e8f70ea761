package org.relucert.certify;

/** The verdict words of results.csv. */
public final class Verdicts {
    public static final String CERTIFIED = "certified";
    public static final String FALSIFIED = "falsified";
    public static final String UNKNOWN = "unknown";
    public static final String TIMEOUT = "timeout";
    public static final String MISCLASSIFIED = "misclassified";
    public static final String ERROR = "error";

    private Verdicts() {
    }
}
