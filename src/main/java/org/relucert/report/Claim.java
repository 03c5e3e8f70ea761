package org.relucert.report;

import java.util.Locale;

/**
 * One claim of the papers (or of THEORY.md) checked against a value computed on the spot: what is claimed,
 * the expected value, the observed one, and what the observation says about the claim ({@link Status}).
 */
public record Claim(String what, String expected, String observed, Status status) {

    /** What was observed, in the report's words. */
    public enum Status {
        /** The computed value agrees with the claim. */
        REPRODUCED("reproduced"),
        /**
         * The computation does not show the claim, without refuting it (a search found no witness, a
         * definition may differ from the paper's, or the evidence is a sample).
         */
        NOT_REPRODUCED("not reproduced"),
        /** A computed value (a sound bound, an exact range, a witness) disagrees with the claim. */
        CONTRADICTED("contradicted");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word used in the report, e.g. "not reproduced". */
        public String label() {
            return label;
        }
    }

    /** A claim that is reproduced or, when the check fails, not reproduced (the evidence refutes nothing). */
    public Claim(String what, String expected, String observed, boolean reproduced) {
        this(what, expected, observed, reproduced ? Status.REPRODUCED : Status.NOT_REPRODUCED);
    }

    /**
     * A claim about a computed value: reproduced when it agrees, else contradicted by the computation.
     */
    public static Claim computed(String what, String expected, String observed, boolean agrees) {
        return new Claim(what, expected, observed, agrees ? Status.REPRODUCED : Status.CONTRADICTED);
    }

    /** True for {@link Status#REPRODUCED}. */
    public boolean reproduced() {
        return status == Status.REPRODUCED;
    }

    /** One Markdown bullet: the status in bold, then the claim with both values. */
    public String markdown() {
        String label = status == Status.REPRODUCED ? status.label() : status.label().toUpperCase(Locale.ROOT);
        return "- **" + label + "**: " + what + " — expected " + expected + ", observed " + observed;
    }
}
