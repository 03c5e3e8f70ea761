package org.relucert.lp;

/**
 * The SCIP side of {@link LinearProgram} in plain Java, without solver types: the settings string SCIP is given,
 * and the refusal of a model or an objective with a value beyond SCIP's infinity, which SCIP would reject with
 * a native {@code ERROR:} line on stderr (the solve then ends {@link LinearProgram.Status#FAILED} without
 * reaching the solver).
 */
final class ScipSettings {
    /**
     * SCIP's value of infinity: a coefficient or bound of at least this magnitude (other than an infinite
     * bound) makes SCIP refuse the model with a native {@code ERROR:} line on stderr.
     */
    static final double SCIP_INFINITY = 1e20;

    private final boolean mixed;

    ScipSettings(boolean mixed) {
        this.mixed = mixed;
    }

    /** The SCIP settings of this model (they replace each other when set, so they are always set together). */
    String parameters() {
        return "display/verblevel = 0\n" + (absoluteGap == null ? "" : "limits/absgap = " + absoluteGap + "\n");
    }

    private Double absoluteGap;
    /** Why the model cannot be given to SCIP (a coefficient beyond its infinity), or null. */
    private String refused;

    /** The absolute optimality gap at which a MILP solve stops, for {@link #parameters()}. */
    void setAbsoluteGap(double absolute) {
        absoluteGap = absolute;
    }

    /** Records the model's refusal when {@code value} (a bound or coefficient, in a MILP) is beyond SCIP's infinity. */
    void checkMagnitude(double value, String what) {
        if (mixed && refused == null && Double.isFinite(value) && Math.abs(value) >= SCIP_INFINITY) {
            refused = what + " " + value + " is beyond SCIP's infinity " + SCIP_INFINITY;
        }
    }

    /**
     * Why the model with the objective coefficients {@code coefs} of the {@code count} objective variables
     * cannot be given to SCIP (the model's own refusal first), or null; the model's refusal stays its own.
     */
    String objectiveRefusal(double[] coefs, int count) {
        String model = refused;
        for (int i = 0; i < count; i++) {
            checkMagnitude(coefs[i], "an objective coefficient");
        }
        String objective = refused;
        refused = model;
        return objective;
    }

    /** Why the last solve ended FAILED without reaching the solver, or null. */
    String lastRefusal() {
        return lastRefusal;
    }

    /** Sets {@link #lastRefusal()}: the objective's refusal, or null before a solve. */
    void setLastRefusal(String refusal) {
        lastRefusal = refusal;
    }

    private String lastRefusal;
}
