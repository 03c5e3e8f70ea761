package org.relucert.exact;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Relaxation;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.relax.Triangle;

/**
 * Exact output bounds by mixed-integer programming (SCIP): the network's affine equalities plus, for
 * every ReLU unstable under the triangle-LP bounds [l, u], the big-M encoding y >= 0, y >= z,
 * y <= z - l(1 - d), y <= u d with d binary. Each output entry is minimised and maximised.
 *
 * <p>The reported bound is SCIP's proven dual bound, padded by {@value #PAD}·(1+|b|) (SCIP itself works
 * to a feasibility tolerance of 1e-6, so exactness holds up to that tolerance). The input of the best
 * MILP solution is clamped to the box and re-evaluated with {@link Network#evaluate}; when that value is
 * not within {@value #ATTAIN_TOLERANCE}·(1+|b|) of the bound, the bound is not confirmed as attained and
 * a note says so. A solve that is not proven optimal keeps the best sound bound known (SCIP's dual bound
 * if it has one, else the triangle bound), again with a note.
 */
public final class MilpExact implements Relaxation {

    /** Padding of the MILP bound. */
    public static final double PAD = 1e-9;
    /** Tolerance for "the witness attains the bound". */
    public static final double ATTAIN_TOLERANCE = 1e-6;

    private final double timeLimitSeconds;

    /** No time limit. */
    public MilpExact() {
        this(0);
    }

    /** @param timeLimitSeconds per-solve limit (<= 0: none) */
    public MilpExact(double timeLimitSeconds) {
        this.timeLimitSeconds = timeLimitSeconds;
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

    /** Runs the MILP for every output entry. */
    public Result solve(Network net, Box box) {
        Analysis tri = Triangle.lpBounds().analyse(net, box);
        List<String> notes = new ArrayList<>(tri.notes());
        Bounds[] pre = tri.nodes();
        try (LinearProgram milp = LinearProgram.milp()) {
            milp.setMipGap(1e-9, 1e-9);
            int[] input = new int[net.inputSize()];
            for (int i = 0; i < input.length; i++) {
                input[i] = milp.addVariable(box.lower()[i], box.upper()[i], false);
            }
            int[][] vars = encode(net, box, pre, milp, input);
            int out = net.output();
            int size = net.outputSize();
            double[] lo = new double[size];
            double[] hi = new double[size];
            double[][] wl = new double[size][];
            double[][] wu = new double[size][];
            double[] al = new double[size];
            double[] au = new double[size];
            for (int i = 0; i < size; i++) {
                Optimum min = optimise(net, box, milp, input, vars[out][i], i, false, tri.lower()[i], notes);
                Optimum max = optimise(net, box, milp, input, vars[out][i], i, true, tri.upper()[i], notes);
                lo[i] = min.bound;
                hi[i] = max.bound;
                wl[i] = min.witness;
                wu[i] = max.witness;
                al[i] = min.attained;
                au[i] = max.attained;
            }
            Bounds output = new Bounds(lo, hi);
            Bounds[] nodes = pre.clone();
            nodes[out] = output;
            return new Result(new Analysis(name(), output, nodes, notes), wl, wu, al, au);
        }
    }

    private record Optimum(double bound, double[] witness, double attained) {
    }

    private Optimum optimise(Network net, Box box, LinearProgram milp, int[] input, int var, int entry,
                             boolean maximise, double known, List<String> notes) {
        String what = (maximise ? "max" : "min") + " of output[" + entry + "]";
        LinearProgram.Solution s = milp.optimise(new int[] {var}, new double[] {1}, 0, maximise, timeLimitSeconds);
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
                notes.add("MILP " + what + " stopped early (" + s.status() + "); reported the solver's proven bound "
                        + bound + ", which may not be exact");
            } else if (witness == null || Math.abs(attained - bound) > ATTAIN_TOLERANCE * (1 + Math.abs(bound))) {
                notes.add("MILP " + what + ": bound " + bound + " is not attained by the witness (forward pass gives "
                        + attained + "); the bound is sound but not confirmed exact");
            }
        } else {
            bound = known;
            notes.add("MILP " + what + " ended " + s.status() + "; kept the triangle bound " + known);
        }
        return new Optimum(bound, witness, attained);
    }

    /** Adds every node; returns the variables of each node. */
    private static int[][] encode(Network net, Box box, Bounds[] pre, LinearProgram milp, int[] input) {
        int n = net.nodes().size();
        int[][] vars = new int[n][];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            if (node instanceof Affine a) {
                vars[j] = new int[a.size()];
                int[] cols = concat(net, vars, input, a.from());
                for (int i = 0; i < a.size(); i++) {
                    // Boxed by the (sound) triangle bounds, slightly widened, to help SCIP's propagation.
                    double lo = pre[j] == null ? Double.NEGATIVE_INFINITY : pre[j].lower()[i];
                    double hi = pre[j] == null ? Double.POSITIVE_INFINITY : pre[j].upper()[i];
                    double slack = 1e-6 * (1 + Math.max(Math.abs(lo), Math.abs(hi)));
                    vars[j][i] = milp.addVariable(lo - slack, hi + slack, false);
                    int[] rv = new int[cols.length + 1];
                    double[] rc = new double[cols.length + 1];
                    for (int c = 0; c < cols.length; c++) {
                        rv[c] = cols[c];
                        rc[c] = -a.weight(i, c);
                    }
                    rv[cols.length] = vars[j][i];
                    rc[cols.length] = 1;
                    milp.addConstraint(rv, rc, a.bias()[i], a.bias()[i]);
                }
            } else if (node instanceof Relu r) {
                int[] z = r.source() == Network.INPUT ? input : vars[r.source()];
                Bounds b = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : pre[r.source()];
                vars[j] = new int[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    vars[j][i] = addRelu(milp, z[i], b.lower()[i], b.upper()[i]);
                }
            }
        }
        return vars;
    }

    private static int addRelu(LinearProgram milp, int z, double l, double u) {
        if (u <= 0) {
            return milp.addVariable(0, 0, false);
        }
        int y = milp.addVariable(0, Math.max(0, u), false);
        if (l >= 0) {
            milp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, 0);
            return y;
        }
        int d = milp.addVariable(0, 1, true);
        milp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, Double.POSITIVE_INFINITY);
        // y <= z - l (1 - d)  <=>  y - z - l d <= -l
        milp.addConstraint(new int[] {y, z, d}, new double[] {1, -1, -l}, Double.NEGATIVE_INFINITY, -l);
        // y <= u d
        milp.addConstraint(new int[] {y, d}, new double[] {1, -u}, Double.NEGATIVE_INFINITY, 0);
        return y;
    }

    private static int[] concat(Network net, int[][] vars, int[] input, int[] from) {
        int width = 0;
        for (int f : from) {
            width += net.sizeOf(f);
        }
        int[] cols = new int[width];
        int at = 0;
        for (int f : from) {
            int[] v = f == Network.INPUT ? input : vars[f];
            System.arraycopy(v, 0, cols, at, v.length);
            at += v.length;
        }
        return cols;
    }
}
