package org.relucert.relax;

import java.util.List;
import java.util.function.Function;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;

/**
 * An {@link LpModel}'s emptiness checks: its region in elastic form ({@link ElasticRegion}), built at the
 * first check that the solver calls infeasible and then changed along with the model, so that later checks
 * warm-start. Checks run one thread at a time, so any thread may ask while no thread changes the model.
 */
final class ElasticTwin implements AutoCloseable {
    private ElasticRegion region;

    /** Follows the model's new variable. */
    synchronized void addVariable(double lb, double ub) {
        if (region != null) {
            region.addVariable(lb, ub);
        }
    }

    /** Follows the model's new bounds of variable v. */
    synchronized void setBounds(int v, double lb, double ub) {
        if (region != null) {
            region.setBounds(v, lb, ub);
        }
    }

    /** Follows the model's new row. */
    synchronized void addRow(LpModel.Row r) {
        if (region != null) {
            region.addRow(r);
        }
    }

    /** Follows the model's new sides of row {@code row}. */
    synchronized void setRowBounds(int row, double lb, double ub) {
        if (region != null) {
            region.setRowBounds(row, lb, ub);
        }
    }

    /**
     * For a model the solver calls infeasible: INFEASIBLE when it is provably empty, else FAILED (unknown, so
     * callers keep the region). The model is given by its variables' bounds and its rows.
     */
    LinearProgram.Status feasibility(int vars, double[] lower, double[] upper, List<LpModel.Row> rows,
                                     Deadline deadline, double timeLimitSeconds) {
        return with(vars, lower, upper, rows, deadline, timeLimitSeconds,
                e -> e.minimiseViolation().empty() ? LinearProgram.Status.INFEASIBLE : LinearProgram.Status.FAILED);
    }

    /**
     * For a model the solver calls infeasible (or fails on): INFEASIBLE when it is provably empty, else the sound
     * bound over the model relaxed to its least violation ({@link LpModel.Outcome#relaxed()}).
     */
    LpModel.Outcome optimise(int vars, double[] lower, double[] upper, List<LpModel.Row> rows, Deadline deadline,
                             double timeLimitSeconds, int[] objVars, double[] coefs, double constant,
                             boolean maximise) {
        return with(vars, lower, upper, rows, deadline, timeLimitSeconds, e -> e.minimiseViolation().empty()
                ? new LpModel.Outcome(false, maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, null,
                        LinearProgram.Status.INFEASIBLE, false)
                : e.optimiseRelaxed(objVars, coefs, constant, maximise));
    }

    private synchronized <T> T with(int vars, double[] lower, double[] upper, List<LpModel.Row> rows,
                                    Deadline deadline, double timeLimitSeconds, Function<ElasticRegion, T> f) {
        if (region == null) {
            region = new ElasticRegion(vars, lower, upper, rows, 0, deadline, timeLimitSeconds);
        } else {
            region.setLimits(deadline, timeLimitSeconds);
        }
        return f.apply(region);
    }

    @Override
    public synchronized void close() {
        if (region != null) {
            region.close();
        }
    }
}
