package org.relucert.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Proof;
import org.relucert.bounds.Relaxation;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.relax.LpLimits;
import org.relucert.relax.LpSettings;
import org.relucert.relax.Triangle;

/**
 * Exact output bounds by mixed-integer programming (SCIP): the one network encoding
 * ({@link org.relucert.relax.NodeEncoding}, each node's own rule) in the sink {@link MilpEncoding}, which
 * gives every ReLU unstable under the triangle-LP bounds [l, u] the big-M encoding y >= 0, y >= z,
 * y &lt;= z - l(1 - d), y &lt;= u d with d binary. Each output entry is minimised and maximised.
 *
 * <p>The reported bound is SCIP's dual bound widened by {@value #PAD}·(1+|b|) and clipped to the triangle
 * LP's bound, which is rigorous (Neumaier-Shcherbina, see {@link org.relucert.relax.LpModel}). A MILP dual
 * bound is not a proof in floating point: SCIP decides feasibility to its tolerances (1e-6), and with large
 * or mixed weights its optimum was seen 1e-9 to 3e-8 (relative) inside the true range (repro
 * exact_unsound_*). On boxes with a side thinner than {@value #THIN}·(1+|centre|), where SCIP cannot resolve
 * the box, no MILP is solved: the triangle bound is reported with a note. Elsewhere the widening covers
 * the errors seen by a factor of 16 or more; so the side of each range that is not witnessed is exact up to
 * that widening, and proven only where it equals the triangle bound: the analysis's {@link Proof} flags
 * each side (proven where the triangle bound is reported: the clip was active, or no MILP bound was used,
 * as on thin boxes, overflowing bounds, time limits and failed solves). The input of the best
 * MILP solution is clamped to the box and re-evaluated with {@link Network#evaluate}; when that value is
 * not within {@value #ATTAIN_TOLERANCE}·(1+|b|) of SCIP's bound, the bound is not confirmed as attained and
 * a note says so. A solve that is not proven optimal keeps the best sound bound known (SCIP's dual bound
 * if it has one, else the triangle bound), again with a note.
 */
public final class MilpExact implements Relaxation {

    /** Relative widening of SCIP's dual bound (at least 16 times what the repro cases needed). */
    public static final double PAD = 1e-7;
    /**
     * A box with a side narrower than this (relative to 1 + |centre|) is below SCIP's feasibility tolerance:
     * the MILP is not solved and the triangle bound, rigorous and near exact on such boxes, is reported.
     */
    public static final double THIN = 1e-6;
    /** Tolerance for "the witness attains the bound". */
    public static final double ATTAIN_TOLERANCE = 1e-6;

    private final double timeLimitSeconds;
    private final LpLimits limits;

    /** No time limit, the default network limits. */
    public MilpExact() {
        this(0);
    }

    /** @param timeLimitSeconds per-solve limit (&lt;= 0: none) */
    public MilpExact(double timeLimitSeconds) {
        this(timeLimitSeconds, LpLimits.DEFAULT);
    }

    /**
     * @param timeLimitSeconds per-solve limit (&lt;= 0: none)
     * @param limits           larger networks are refused with a {@link org.relucert.relax.NetworkTooLargeException}
     */
    public MilpExact(double timeLimitSeconds, LpLimits limits) {
        this.timeLimitSeconds = timeLimitSeconds;
        this.limits = limits;
    }

    @Override
    public String name() {
        return "exact";
    }

    /**
     * Exact bounds of every output and, per entry, the input at which it is attained ({@code null} when
     * the solve failed).
     */
    public record Result(Analysis analysis, double[][] lowerWitness, double[][] upperWitness,
                         double[] lowerAttained, double[] upperAttained) {
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        return solve(net, box).analysis();
    }

    /**
     * As {@link #analyse(Network, Box)} within a time limit: the triangle LP gets at most half of it, and
     * each MILP solve the time left; a solve stopped by the limit reports SCIP's proven bound (or the
     * triangle bound when it has none), with a note.
     */
    @Override
    public Analysis analyse(Network net, Box box, Deadline deadline) {
        return solve(net, box, deadline).analysis();
    }

    /** Runs the MILP for every output entry. */
    public Result solve(Network net, Box box) {
        return solve(net, box, Deadline.NONE);
    }

    /** Runs the MILP for every output entry within a time limit (see {@link #analyse(Network, Box, Deadline)}). */
    public Result solve(Network net, Box box, Deadline deadline) {
        limits.check(net, "MILP");
        Analysis tri = new Triangle(LpSettings.DEFAULT.withLimits(limits)).analyse(net, box, deadline.share(0.5));
        List<String> notes = new ArrayList<>(tri.notes());
        Bounds[] pre = tri.nodes();
        String overflow = LpLimits.overflow(net, pre, "MILP");
        if (overflow != null) {
            // its big-M constants would be meaningless: the triangle analysis (itself the sound fallback) stands
            notes.add(overflow);
            return triangleOnly(net, tri, pre, notes);
        }
        String thin = thinSide(box);
        if (thin != null) {
            notes.add(thin);
            return triangleOnly(net, tri, pre, notes);
        }
        if (deadline.expired()) {
            // no MILP solve could start: building the model would only overrun the limit
            int m = net.outputSize();
            for (int i = 0; i < m; i++) {
                for (boolean max : new boolean[] {false, true}) {
                    notes.add(Analysis.TIME_LIMIT + " of " + Analysis.seconds(deadline.limitSeconds()) + " reached: MILP "
                            + (max ? "max" : "min") + " of output[" + i + "] not solved; kept the triangle bound "
                            + (max ? tri.upper()[i] : tri.lower()[i]));
                }
            }
            return triangleOnly(net, tri, pre, notes);
        }
        try (LinearProgram milp = LinearProgram.milp()) {
            milp.setMipGap(1e-9, 1e-9);
            MilpEncoding enc = new MilpEncoding(net, box, pre, milp, limits);
            for (int j = 0; j < net.nodes().size(); j++) {
                enc.addNode(j);
            }
            int[] input = enc.varsOf(Network.INPUT);
            int[] outVars = enc.varsOf(net.output());
            int out = net.output();
            int size = net.outputSize();
            double[] lo = new double[size];
            double[] hi = new double[size];
            double[][] wl = new double[size][];
            double[][] wu = new double[size][];
            double[] al = new double[size];
            double[] au = new double[size];
            boolean[] provenLo = new boolean[size];
            boolean[] provenHi = new boolean[size];
            for (int i = 0; i < size; i++) {
                Optimum min = optimise(net, box, milp, input, outVars[i], i, false, tri.lower()[i], notes, deadline,
                        2 * (size - i));
                Optimum max = optimise(net, box, milp, input, outVars[i], i, true, tri.upper()[i], notes, deadline,
                        2 * (size - i) - 1);
                lo[i] = min.bound;
                hi[i] = max.bound;
                wl[i] = min.witness;
                wu[i] = max.witness;
                al[i] = min.attained;
                au[i] = max.attained;
                provenLo[i] = min.proven;
                provenHi[i] = max.proven;
            }
            Bounds output = new Bounds(lo, hi);
            Bounds[] nodes = pre.clone();
            nodes[out] = output;
            Analysis a = new Analysis(name(), output, nodes, notes, null, new Proof(provenLo, provenHi));
            return new Result(a, wl, wu, al, au);
        }
    }

    /** The triangle analysis as the result, without MILP witnesses (no MILP was solved). */
    private Result triangleOnly(Network net, Analysis tri, Bounds[] pre, List<String> notes) {
        int m = net.outputSize();
        double[] nan = new double[m];
        Arrays.fill(nan, Double.NaN);
        return new Result(new Analysis(name(), tri.output(), pre, notes), new double[m][], new double[m][],
                nan, nan.clone());
    }

    /** A note when a side of the box is below SCIP's tolerance, else null. */
    private static String thinSide(Box box) {
        for (int i = 0; i < box.dim(); i++) {
            double l = box.lower()[i];
            double u = box.upper()[i];
            if (u - l < THIN * (1 + Math.abs(0.5 * (l + u)))) {
                return "MILP not solved: input " + i + " has width " + (u - l) + ", below SCIP's tolerance; "
                        + "reported the triangle LP's rigorous bounds";
            }
        }
        return null;
    }

    /** One side's bound; {@code proven} when it is the rigorous triangle bound {@code known}. */
    private record Optimum(double bound, double[] witness, double attained, boolean proven) {
    }

    private Optimum optimise(Network net, Box box, LinearProgram milp, int[] input, int var, int entry,
                             boolean maximise, double known, List<String> notes, Deadline deadline, int solvesLeft) {
        String what = (maximise ? "max" : "min") + " of output[" + entry + "]";
        if (deadline.expired()) {
            notes.add(Analysis.TIME_LIMIT + " of " + Analysis.seconds(deadline.limitSeconds()) + " reached: MILP " + what
                    + " not solved; kept the triangle bound " + known);
            return new Optimum(known, null, Double.NaN, true);
        }
        double per = timeLimitSeconds > 0 ? timeLimitSeconds : Double.POSITIVE_INFINITY;
        // an equal share of the time left for each solve still to come
        double limit = Math.min(per, deadline.remainingSeconds() / solvesLeft);
        LinearProgram.Solution s = milp.optimise(new int[] {var}, new double[] {1}, 0, maximise,
                Double.isInfinite(limit) ? 0 : limit);
        boolean outOfTime = s.status() == LinearProgram.Status.TIME_LIMIT
                || (s.status() == LinearProgram.Status.FEASIBLE && !deadline.unlimited());
        String stopped = outOfTime ? Analysis.TIME_LIMIT + " of " + Analysis.seconds(deadline.limitSeconds())
                + " reached: " : "";
        double[] witness = null;
        double attained = Double.NaN;
        if (s.values() != null) {
            witness = new double[input.length];
            for (int i = 0; i < input.length; i++) {
                witness[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], s.values()[input[i]]));
            }
            attained = net.evaluate(witness)[entry];
        }
        double bound;
        if (s.status() == LinearProgram.Status.OPTIMAL || s.status() == LinearProgram.Status.FEASIBLE) {
            double b = s.bound();
            double pad = PAD * (1 + Math.abs(b));
            bound = maximise ? Math.min(known, b + pad) : Math.max(known, b - pad);
            if (s.status() == LinearProgram.Status.FEASIBLE) {
                notes.add(stopped + "MILP " + what + " stopped early (" + s.status() + "); reported the solver's proven bound "
                        + bound + ", which may not be exact");
            } else if (witness == null || Math.abs(attained - b) > ATTAIN_TOLERANCE * (1 + Math.abs(b))) {
                notes.add("MILP " + what + ": bound " + bound + " is not attained by the witness (forward pass gives "
                        + attained + "); the bound is not confirmed exact");
            }
        } else {
            bound = known;
            String why = milp.refusal() == null ? "" : " (not solved: " + milp.refusal() + ")";
            notes.add(stopped + "MILP " + what + " ended " + s.status() + why + "; kept the triangle bound " + known);
        }
        // SCIP's widened bound is exact up to its tolerances, not a proof; the triangle bound is rigorous
        return new Optimum(bound, witness, attained, bound == known);
    }
}
