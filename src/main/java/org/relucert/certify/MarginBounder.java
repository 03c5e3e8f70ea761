package org.relucert.certify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;
import org.relucert.verify.QueryBounder;
import org.relucert.verify.QueryBounds;
import org.relucert.verify.ReluSplits;
import org.relucert.verify.SlopeOptimiser;

/**
 * The certified margin of a {@link Property} under an incomplete method: for each case (unsafe set
 * C·y &lt;= d) the largest lower bound of its rows c_i·y - d_i (the case is refuted when it is positive), and
 * the margin is the smallest of these over the cases; the property holds when the margin is positive.
 * For robustness of label l the cases are y_l - y_j &lt;= 0, so the margin is a lower bound of
 * min_j (y_l - y_j).
 *
 * <p>Cases with the same input box are bounded together, with all their rows in one query:
 * {@code ibp} folds the rows into the last affine node and bounds them over the interval bounds of its
 * sources ({@link IbpMargins}), {@code deeppoly} back-substitutes
 * the rows themselves through the network ({@link QueryBounder}: DeepPoly intermediate bounds with the
 * area heuristic's lower slopes, the rows folded into the walk), {@code alpha-crown} then optimises the
 * lower slopes of each case not yet refuted ({@link SlopeOptimiser}, {@value #ALPHA_STEPS} Adam steps a
 * row, stopping at the first positive bound). Thread-safe.
 */
public final class MarginBounder {
    /** Slope-optimisation steps per row for alpha-crown. */
    public static final int ALPHA_STEPS = 30;

    private final Network net;
    private final QueryBounder bounder;
    private final SlopeOptimiser optimiser;

    public MarginBounder(Network net) {
        this.net = net;
        this.bounder = new QueryBounder(net);
        this.optimiser = new SlopeOptimiser(net);
    }

    /** The margin of the property under the method's relaxation (VERIFY is not a relaxation). */
    public double margin(Property property, Method.Kind kind) {
        if (kind == Method.Kind.VERIFY) {
            throw new IllegalArgumentException("verify is not a bounding method");
        }
        Map<Box, List<Property.Case>> groups = new LinkedHashMap<>();
        for (Property.Case cs : property.cases()) {
            if (cs.c().length == 0) {
                return Double.NEGATIVE_INFINITY; // every output is unsafe
            }
            groups.computeIfAbsent(cs.input(), b -> new ArrayList<>()).add(cs);
        }
        double margin = Double.POSITIVE_INFINITY;
        for (Map.Entry<Box, List<Property.Case>> g : groups.entrySet()) {
            margin = Math.min(margin, groupMargin(g.getKey(), g.getValue(), kind));
        }
        return margin;
    }

    private double groupMargin(Box box, List<Property.Case> cases, Method.Kind kind) {
        List<double[]> rows = new ArrayList<>();
        List<Double> ds = new ArrayList<>();
        for (Property.Case cs : cases) {
            for (int i = 0; i < cs.c().length; i++) {
                rows.add(cs.c()[i]);
                ds.add(cs.d()[i]);
            }
        }
        double[][] c = rows.toArray(new double[0][]);
        double[] d = new double[ds.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ds.get(i);
        }
        double[] lower;
        QueryBounds qb = null;
        if (kind == Method.Kind.IBP) {
            lower = IbpMargins.rowLower(net, box, c, d);
        } else {
            qb = bounder.bound(box, ReluSplits.NONE, null, c, d);
            if (qb.infeasible()) {
                return Double.POSITIVE_INFINITY;
            }
            lower = qb.rowLower();
        }
        double margin = Double.POSITIVE_INFINITY;
        int first = 0;
        for (Property.Case cs : cases) {
            int n = cs.c().length;
            double value = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                value = Math.max(value, lower[first + i]);
            }
            if (kind == Method.Kind.ALPHA_CROWN && value <= 0) {
                value = Math.max(value, optimiseCase(box, qb, cs, lower, first));
            }
            margin = Math.min(margin, value);
            first += n;
        }
        return margin;
    }

    /** The case's value after slope optimisation, started from the DeepPoly pass of its group. */
    private double optimiseCase(Box box, QueryBounds group, Property.Case cs, double[] lower, int first) {
        int n = cs.c().length;
        double[] start = new double[n];
        int best = 0;
        for (int i = 0; i < n; i++) {
            start[i] = lower[first + i];
            if (start[i] > start[best]) {
                best = i;
            }
        }
        QueryBounds from = new QueryBounds(start, best, null, null, null, group.nodeBounds(), group.lines(), false, null, Double.NaN);
        return optimiser.optimise(box, from, cs.c(), cs.d(), ALPHA_STEPS).value();
    }

    /** Lower bounds of c_i·y - d_i over the interval box of y. */
    static double[] intervalRows(Bounds y, double[][] c, double[] d) {
        double[] out = new double[c.length];
        for (int r = 0; r < c.length; r++) {
            double s = -d[r];
            for (int k = 0; k < c[r].length; k++) {
                double w = c[r][k];
                if (w > 0) {
                    s += w * y.lower()[k];
                } else if (w < 0) {
                    s += w * y.upper()[k];
                }
            }
            out[r] = s;
        }
        return out;
    }
}
