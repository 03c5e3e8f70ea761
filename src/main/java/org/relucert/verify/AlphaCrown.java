package org.relucert.verify;

import java.util.ArrayList;
import java.util.List;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.LinearBounds;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The {@code alpha-crown} domain: back-substitution bounds with optimised lower slopes of the unstable
 * ReLUs (alpha-CROWN), on the verifier's machinery. Intermediate bounds: the verifier's pass
 * ({@link QueryBounder}: forward forms or intervals, unstable neurons refined by back-substitution), then
 * tightened by {@link IntermediateSlopes} with {@code steps} iterations per node and side. Each output
 * entry's lower bound and upper bound (the lower bound of its negation) is then optimised on its own by
 * {@link SlopeOptimiser#tighten} for {@code steps} iterations. Every slope in [0, 1] gives a sound bound and
 * the best iterate is kept; the output bounds are finally intersected with those of {@code crown} (area
 * DeepPoly), so they are never looser than crown's, with a note when crown was tighter on some entry (its
 * intermediate bounds can choose other slopes). The analysis carries the optimised rows' linear bounds.
 */
public final class AlphaCrown implements Relaxation {
    /** Iterations per optimised row when none are given (auto_LiRPA's default iteration count). */
    public static final int DEFAULT_STEPS = 20;

    private final int steps;

    /** alpha-CROWN with {@code steps} Adam iterations per intermediate node side and per output bound. */
    public AlphaCrown(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public String name() {
        return "alpha-crown";
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        Analysis crown = new DeepPoly(DeepPoly.SlopeRule.AREA, "crown").analyse(net, box);
        QueryBounder bounder = new QueryBounder(net);
        int n = net.nodes().size();
        Bounds[] intermediate = bounder.intermediate(box, ReluSplits.NONE, null, 0, true).bounds();
        if (steps > 0) {
            intermediate = new IntermediateSlopes(net).tighten(box, intermediate, steps,
                    Verifier.deadlineAfter(Double.POSITIVE_INFINITY));
        }
        int m = net.outputSize();
        double[][] rows = new double[2 * m][m];
        for (int i = 0; i < m; i++) {
            rows[i][i] = 1.0;
            rows[m + i][i] = -1.0;
        }
        QueryBounds start = bounder.bound(box, ReluSplits.NONE, intermediate, n, rows, new double[2 * m], true);
        SlopeOptimiser optimiser = new SlopeOptimiser(net);
        int d = net.inputSize();
        double[] lowerCoef = new double[m * d];
        double[] upperCoef = new double[m * d];
        double[] lowerConst = new double[m];
        double[] upperConst = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        int crownTighter = 0;
        for (int i = 0; i < m; i++) {
            SlopeOptimiser.RowBound below = optimiser.tighten(box, start.nodeBounds(), start.lines(), rows[i], steps);
            SlopeOptimiser.RowBound above = optimiser.tighten(box, start.nodeBounds(), start.lines(), rows[m + i], steps);
            System.arraycopy(below.coef(), 0, lowerCoef, i * d, d);
            lowerConst[i] = below.constant();
            for (int k = 0; k < d; k++) {
                upperCoef[i * d + k] = -above.coef()[k];
            }
            upperConst[i] = -above.constant();
            lo[i] = Math.max(below.lower(), crown.lower()[i]);
            hi[i] = Math.min(-above.lower(), crown.upper()[i]);
            crownTighter += below.lower() < crown.lower()[i] || -above.lower() > crown.upper()[i] ? 1 : 0;
        }
        Bounds output = new Bounds(lo, hi);
        Bounds[] nodes = new Bounds[n];
        for (int j = 0; j < n; j++) {
            Bounds mine = start.nodeBounds()[j];
            Bounds theirs = crown.nodes()[j];
            nodes[j] = mine == null ? theirs : theirs == null ? mine : Bounds.intersect(mine, theirs);
        }
        nodes[net.output()] = output;
        List<String> notes = new ArrayList<>();
        if (crownTighter > 0) {
            notes.add("crown's bound was tighter on " + crownTighter + " of " + m
                    + " outputs and is kept there; the linear bounds are the optimised ones");
        }
        return new Analysis(name(), output, nodes, notes,
                new LinearBounds(m, d, lowerCoef, lowerConst, upperCoef, upperConst));
    }
}
