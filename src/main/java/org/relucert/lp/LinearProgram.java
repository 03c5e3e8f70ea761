package org.relucert.lp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * The one adapter between relucert and the LP/MILP solver (OR-Tools: GLOP for LPs, SCIP for MILPs).
 * No other class touches solver types. Build a model once, then call {@link #optimise} for as many
 * objectives as needed; the solver re-uses its basis between calls.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class LinearProgram implements AutoCloseable {

    /** Outcome of one solve. */
    public enum Status {
        /** Solved to optimality; {@code objective} is the optimum. */
        OPTIMAL,
        /** A MILP stopped early with an incumbent; {@code bound} is the solver's proven bound. */
        FEASIBLE,
        /** The model has no feasible point. */
        INFEASIBLE,
        /** The time limit of the solve passed before any usable answer. */
        TIME_LIMIT,
        /** Error, iteration cap, unbounded, or a numerically doubtful status. */
        FAILED
    }

    /**
     * One solve's result. {@code objective} is the value at {@code values}; {@code bound} is the
     * solver's proven bound on the optimum (equal to {@code objective} for an optimal LP).
     */
    public record Solution(Status status, double objective, double bound, double[] values) {
        /** True for OPTIMAL. */
        public boolean optimal() {
            return status == Status.OPTIMAL;
        }
    }

    /** Limits from this many seconds up count as none (the solver takes milliseconds as a long). */
    private static final double MAX_LIMIT_SECONDS = 1e9;

    private static volatile boolean loaded;

    private final MPSolver solver;
    private final List<MPVariable> vars = new ArrayList<>();
    private final List<MPConstraint> rows = new ArrayList<>();
    private final boolean mixed;
    private final ScipSettings scip;
    private MPSolverParameters parameters;

    private LinearProgram(String backend, boolean mixed) {
        loadNatives();
        MPSolver s = MPSolver.createSolver(backend);
        if (s == null) {
            throw new IllegalStateException("solver backend " + backend + " is not available in this OR-Tools build");
        }
        this.solver = s;
        this.mixed = mixed;
        this.scip = new ScipSettings(mixed);
        // the solvers' own logs and messages never reach the terminal; failures are statuses the callers note
        s.suppressOutput();
        if (mixed) {
            s.setSolverSpecificParametersAsString(scip.parameters());
        }
    }

    /**
     * Why the last solve ended {@link Status#FAILED} without reaching the solver (a MILP coefficient or
     * bound beyond SCIP's infinity), or null.
     */
    public String refusal() {
        return scip.lastRefusal();
    }

    /** A continuous LP solved by GLOP. */
    public static LinearProgram lp() {
        return new LinearProgram("GLOP", false);
    }

    /** A mixed-integer programme solved by SCIP. */
    public static LinearProgram milp() {
        return new LinearProgram("SCIP", true);
    }

    /**
     * Loads OR-Tools' native libraries now (they load on first use otherwise), e.g. so that the first
     * timed solve does not include the loading.
     */
    public static void loadNatives() {
        if (!loaded) {
            synchronized (LinearProgram.class) {
                if (!loaded) {
                    NativeLibraries.load();
                    loaded = true;
                }
            }
        }
    }

    /** Adds a variable with bounds [lb, ub] (use +-infinity for free); integer only in a MILP. */
    public int addVariable(double lb, double ub, boolean integer) {
        if (integer && !mixed) {
            throw new IllegalArgumentException("integer variable in an LP model");
        }
        scip.checkMagnitude(lb, "a variable bound");
        scip.checkMagnitude(ub, "a variable bound");
        MPVariable v = integer ? solver.makeIntVar(lb, ub, "") : solver.makeNumVar(lb, ub, "");
        vars.add(v);
        return vars.size() - 1;
    }

    /** Number of variables. */
    public int variableCount() {
        return vars.size();
    }

    /** Changes a variable's bounds. */
    public void setBounds(int var, double lb, double ub) {
        scip.checkMagnitude(lb, "a variable bound");
        scip.checkMagnitude(ub, "a variable bound");
        vars.get(var).setBounds(lb, ub);
    }

    /**
     * Adds lb &lt;= sum coefs[i] * x[vars[i]] &lt;= ub (use +-infinity for one-sided).
     *
     * @return the constraint's index, for {@link #setConstraintBounds} and {@link #duals()}
     */
    public int addConstraint(int[] vars, double[] coefs, double lb, double ub) {
        scip.checkMagnitude(lb, "a constraint bound");
        scip.checkMagnitude(ub, "a constraint bound");
        MPConstraint c = solver.makeConstraint(lb, ub, "");
        rows.add(c);
        for (int i = 0; i < vars.length; i++) {
            if (coefs[i] != 0) {
                scip.checkMagnitude(coefs[i], "a coefficient");
                c.setCoefficient(this.vars.get(vars[i]), c.getCoefficient(this.vars.get(vars[i])) + coefs[i]);
            }
        }
        return rows.size() - 1;
    }

    /** Changes the bounds of constraint {@code row} (as returned by {@link #addConstraint}). */
    public void setConstraintBounds(int row, double lb, double ub) {
        scip.checkMagnitude(lb, "a constraint bound");
        scip.checkMagnitude(ub, "a constraint bound");
        rows.get(row).setBounds(lb, ub);
    }

    /**
     * Dual values of every constraint after the last solve, in the order they were added. Meaningful
     * only after an OPTIMAL LP solve; callers must not rely on their sign convention for soundness.
     */
    public double[] duals() {
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).dualValue();
        }
        return y;
    }

    /**
     * Caps the number of simplex iterations of each LP solve (GLOP only; a solve that hits the cap is
     * reported as {@link Status#FAILED}). Returns false when the backend rejects the setting.
     */
    public boolean setIterationLimit(long iterations) {
        if (mixed) {
            return false;
        }
        return solver.setSolverSpecificParametersAsString("max_number_of_iterations: " + iterations);
    }

    /**
     * Turns the solver's presolve on or off. Off suits an LP re-solved for many objectives, since GLOP
     * then warm-starts from the previous basis.
     */
    public void setPresolve(boolean on) {
        if (parameters == null) {
            parameters = new MPSolverParameters();
        }
        parameters.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
                (on ? MPSolverParameters.PresolveValues.PRESOLVE_ON : MPSolverParameters.PresolveValues.PRESOLVE_OFF).swigValue());
    }

    /** Relative and absolute optimality gaps at which a MILP solve stops (SCIP); ignored for LPs. */
    public void setMipGap(double relative, double absolute) {
        if (!mixed) {
            return;
        }
        if (parameters == null) {
            parameters = new MPSolverParameters();
        }
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relative);
        scip.setAbsoluteGap(absolute);
        solver.setSolverSpecificParametersAsString(scip.parameters());
    }

    /** Number of constraints. */
    public int constraintCount() {
        return solver.numConstraints();
    }

    /**
     * Minimises or maximises sum coefs[i] * x[vars[i]] + constant.
     *
     * @param timeLimitSeconds wall-clock limit for this solve (&lt;= 0 or infinite for none); a solve that
     *                         reaches it without an answer ends {@link Status#TIME_LIMIT}
     */
    public Solution optimise(int[] vars, double[] coefs, double constant, boolean maximise, double timeLimitSeconds) {
        MPObjective obj = solver.objective();
        obj.clear();
        double unknownBound = maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        String objective = scip.objectiveRefusal(coefs, vars.length);
        if (objective != null) {
            scip.setLastRefusal(objective);
            return new Solution(Status.FAILED, Double.NaN, unknownBound, null);
        }
        for (int i = 0; i < vars.length; i++) {
            MPVariable v = this.vars.get(vars[i]);
            obj.setCoefficient(v, obj.getCoefficient(v) + coefs[i]);
        }
        obj.setOffset(constant);
        if (maximise) {
            obj.setMaximization();
        } else {
            obj.setMinimization();
        }
        boolean limited = timeLimitSeconds > 0 && timeLimitSeconds < MAX_LIMIT_SECONDS;
        // 0 clears a limit left by an earlier solve
        solver.setTimeLimit(limited ? Math.max(1, (long) Math.ceil(timeLimitSeconds * 1000)) : 0);
        double unknown = maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        scip.setLastRefusal(null);
        long start = System.nanoTime();
        MPSolver.ResultStatus rs;
        try {
            rs = parameters == null ? solver.solve() : solver.solve(parameters);
        } catch (RuntimeException e) {
            return new Solution(Status.FAILED, Double.NaN, unknown, null);
        }
        boolean outOfTime = limited && (System.nanoTime() - start) / 1e9 >= 0.9 * timeLimitSeconds;
        if (outOfTime && rs != MPSolver.ResultStatus.OPTIMAL && rs != MPSolver.ResultStatus.INFEASIBLE
                && rs != MPSolver.ResultStatus.FEASIBLE) {
            return new Solution(Status.TIME_LIMIT, Double.NaN, unknown, null);
        }
        switch (rs) {
            case OPTIMAL -> {
                double value = obj.value();
                double bound = mixed ? obj.bestBound() : value;
                return new Solution(Status.OPTIMAL, value, bound, values());
            }
            case FEASIBLE -> {
                double bound = mixed ? obj.bestBound() : unknown;
                return new Solution(Status.FEASIBLE, obj.value(), bound, values());
            }
            case INFEASIBLE -> {
                return new Solution(Status.INFEASIBLE, Double.NaN, unknown, null);
            }
            default -> {
                return new Solution(Status.FAILED, Double.NaN, unknown, null);
            }
        }
    }

    private double[] values() {
        double[] x = new double[vars.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = vars.get(i).solutionValue();
        }
        return x;
    }

    /**
     * Forgets the solver's basis and solution, so that the next solve starts from scratch instead of
     * warm-starting from the previous basis; the model itself is kept.
     */
    public void startFromScratch() {
        solver.reset();
    }

    /** Number of simplex iterations of the last solve (0 if unknown). */
    public long iterations() {
        return solver.iterations();
    }

    @Override
    public void close() {
        if (parameters != null) {
            parameters.delete();
        }
        solver.delete();
    }
}
