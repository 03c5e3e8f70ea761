package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.Bounds;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;

/**
 * Bounds the rows of C·y - d of a network over a box, optionally under ReLU phase constraints, with the
 * output constraint folded into the back-substitution ("bound the difference, not the difference of
 * bounds").
 *
 * <p>Intermediate bounds: a cheap pass (forward symbolic linear bounds when the input is
 * low-dimensional, else intervals), intersected with inherited bounds of a parent subproblem; then only
 * the neurons that are still unstable are refined by DeepPoly back-substitution (both are sound, so their
 * intersection is). Phase constraints intersect a neuron's pre-activation bounds with z >= 0 or z <= 0,
 * which makes its lines exact on the subproblem. The final query can then be tightened by
 * {@link SlopeOptimiser} (alpha-CROWN style). Thread-safe: holds only the immutable network.
 */
public final class QueryBounder {
    /** Input dimension up to which the forward symbolic pass is used instead of intervals. */
    public static final int FORWARD_MAX_DIM = 32;

    private final Network net;
    private final boolean[] feedsRelu;
    private final boolean forward;
    private final double[][][][] signedWeights;

    public QueryBounder(Network net) {
        this.net = net;
        this.feedsRelu = net.feedsRelu();
        this.forward = net.inputSize() <= FORWARD_MAX_DIM;
        this.signedWeights = forward ? splitWeights(net) : null;
    }

    public Network network() {
        return net;
    }

    /**
     * Bounds of every row of C·y - d on the box under the phase constraints.
     *
     * @param inherited node bounds valid on a superset of this subproblem, or {@code null}
     * @param c         rows of C (each of the output size); at least one row
     */
    public QueryBounds bound(Box box, ReluSplits splits, Bounds[] inherited, double[][] c, double[] d) {
        return bound(box, splits, inherited, c, d, true);
    }

    /**
     * As {@link #bound(Box, ReluSplits, Bounds[], double[][], double[])}; with {@code refine} false the
     * intermediate bounds are only the cheap pass intersected with the inherited ones (a quick estimate,
     * still sound).
     */
    public QueryBounds bound(Box box, ReluSplits splits, Bounds[] inherited, double[][] c, double[] d, boolean refine) {
        return bound(box, splits, inherited, 0, c, d, refine);
    }

    /**
     * As {@link #bound(Box, ReluSplits, Bounds[], double[][], double[], boolean)}, where the nodes before
     * {@code reuseBelow} keep their inherited bounds as they are: valid when the parent had the same box and
     * the same phase constraints on every ReLU node before {@code reuseBelow} (a ReLU split at node k gives
     * its children reuseBelow = k), since those bounds would be recomputed identically.
     */
    public QueryBounds bound(Box box, ReluSplits splits, Bounds[] inherited, int reuseBelow, double[][] c, double[] d,
                             boolean refine) {
        Intermediate im = intermediate(box, splits, inherited, inherited == null ? 0 : reuseBelow, refine);
        if (im == null) {
            return infeasible(c.length);
        }
        return finalQuery(box, im.bounds, im.lines, c, d);
    }

    /** Bounds and lines of every node, or null when the phase constraints are contradictory. */
    record Intermediate(Bounds[] bounds, ReluLines[] lines) {
    }

    Intermediate intermediate(Box box, ReluSplits splits, Bounds[] inherited, int reuseBelow, boolean refine) {
        int n = net.nodes().size();
        int dim = net.inputSize();
        Bounds[] bounds = new Bounds[n];
        ReluLines[] lines = new ReluLines[n];
        double[][] lowForm = forward ? new double[n][] : null;
        double[][] highForm = forward ? new double[n][] : null;
        double[] inputForm = forward ? identityForm(dim) : null;
        Bounds input = new Bounds(box.lower(), box.upper());
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            if (node instanceof Relu r) {
                Bounds src = r.source() == Network.INPUT ? input : bounds[r.source()];
                double[] l = src.lower();
                double[] u = src.upper();
                lines[j] = deepPolyLines(src);
                double[][] iv = r.interval(new double[][] {l}, new double[][] {u});
                bounds[j] = new Bounds(iv[0], iv[1]);
                if (forward) {
                    double[] lo = r.source() == Network.INPUT ? inputForm : lowForm[r.source()];
                    double[] hi = r.source() == Network.INPUT ? inputForm : highForm[r.source()];
                    reluForms(lines[j], lo, hi, l.length, dim, lowForm, highForm, j);
                }
                continue;
            }
            Affine a = (Affine) node;
            if (j < reuseBelow && inherited[j] != null) {
                if (forward) {
                    affineForms(a, j, inputForm, lowForm, highForm, dim);
                }
                bounds[j] = feedsRelu[j] ? applySplits(j, inherited[j], splits) : inherited[j];
                if (bounds[j] == null) {
                    return null;
                }
                continue;
            }
            Bounds cheap;
            if (forward) {
                affineForms(a, j, inputForm, lowForm, highForm, dim);
                cheap = concretiseForms(lowForm[j], highForm[j], a.size(), box);
            } else {
                cheap = intervalFromSources(a, bounds, input);
            }
            if (inherited != null && inherited[j] != null) {
                cheap = intersect(cheap, inherited[j]);
            }
            if (feedsRelu[j]) {
                if (refine) {
                    cheap = refineUnstable(j, cheap, lines, box);
                }
                cheap = applySplits(j, cheap, splits);
                if (cheap == null) {
                    return null;
                }
            }
            bounds[j] = cheap;
        }
        return new Intermediate(bounds, lines);
    }

    /** Applies phase constraints of the ReLU nodes that read node j; null when contradictory. */
    private Bounds applySplits(int j, Bounds b, ReluSplits splits) {
        double[] l = null;
        double[] u = null;
        for (int k = 0; k < net.nodes().size(); k++) {
            if (!(net.node(k) instanceof Relu r) || r.source() != j || splits.none(k)) {
                continue;
            }
            if (l == null) {
                l = b.lower().clone();
                u = b.upper().clone();
            }
            for (int i = 0; i < l.length; i++) {
                int p = splits.phase(k, i);
                if (p > 0) {
                    l[i] = Math.max(l[i], 0.0);
                } else if (p < 0) {
                    u[i] = Math.min(u[i], 0.0);
                }
                if (l[i] > u[i]) {
                    return null;
                }
            }
        }
        return l == null ? b : new Bounds(l, u);
    }

    /** Back-substitutes the neurons of node j that are unstable under b and intersects. */
    private Bounds refineUnstable(int j, Bounds b, ReluLines[] lines, Box box) {
        int size = b.size();
        int[] idx = unstable(b);
        int q = idx.length;
        if (q == 0) {
            return b;
        }
        double[] query = unitRows(idx, size);
        double[] stacked = new double[2 * q * size];
        System.arraycopy(query, 0, stacked, 0, q * size);
        System.arraycopy(query, 0, stacked, q * size, q * size);
        LowerBackSubstitution.Result res = LowerBackSubstitution.run(net, j, stacked, 2 * q, q, lines);
        int dim = box.dim();
        double[] ic = res.inputCoef();
        double[] cst = res.constant();
        double[] bl = box.lower();
        double[] bu = box.upper();
        double[] l = b.lower().clone();
        double[] u = b.upper().clone();
        for (int r = 0; r < q; r++) {
            int i = idx[r];
            double lo = cst[r];
            double hi = cst[q + r];
            int lo0 = r * dim;
            int hi0 = (q + r) * dim;
            for (int t = 0; t < dim; t++) {
                double cl = ic[lo0 + t];
                lo += cl >= 0 ? cl * bl[t] : cl * bu[t];
                double cu = ic[hi0 + t];
                hi += cu >= 0 ? cu * bu[t] : cu * bl[t];
            }
            l[i] = Math.max(l[i], lo);
            u[i] = Math.min(u[i], hi);
        }
        return new Bounds(l, u);
    }

    private QueryBounds finalQuery(Box box, Bounds[] bounds, ReluLines[] lines, double[][] c, double[] d) {
        int rows = c.length;
        int m = net.outputSize();
        double[] query = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c[r], 0, query, r * m, m);
        }
        LowerBackSubstitution.Result res = LowerBackSubstitution.run(net, net.output(), query, rows, lines);
        int dim = net.inputSize();
        double[] rowLower = new double[rows];
        int best = 0;
        for (int r = 0; r < rows; r++) {
            rowLower[r] = res.lowerAt(r, box) - d[r];
            if (rowLower[r] > rowLower[best]) {
                best = r;
            }
        }
        double[] coef = Arrays.copyOfRange(res.inputCoef(), best * dim, (best + 1) * dim);
        double[][] reluCoef = res.reluRow(best);
        return new QueryBounds(rowLower, best, coef, res.minimiser(best, box), reluCoef, bounds, lines, false, null);
    }

    private QueryBounds infeasible(int rows) {
        double[] lower = new double[rows];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        return new QueryBounds(lower, 0, new double[net.inputSize()], null, null, null, null, true, null);
    }

    // ---- forward symbolic pass: per neuron, lower and upper linear forms over the input ----
    // A node's forms are stored coefficient-major: entry t * size + r is the coefficient of input t
    // (t = dim: the constant) in the form of neuron r, so the inner loops run along neurons.

    private static double[] identityForm(int dim) {
        double[] f = new double[(dim + 1) * dim];
        for (int i = 0; i < dim; i++) {
            f[i * dim + i] = 1.0;
        }
        return f;
    }

    /** Positive and negative parts of every affine block, transposed (entry c * rows + r), for the forward pass. */
    private static double[][][][] splitWeights(Network net) {
        int n = net.nodes().size();
        double[][][][] out = new double[n][][][];
        for (int j = 0; j < n; j++) {
            if (!(net.node(j) instanceof Affine a)) {
                continue;
            }
            int rows = a.size();
            int[] sizes = a.fromSizes();
            out[j] = new double[sizes.length][2][];
            for (int k = 0; k < sizes.length; k++) {
                double[] block = a.block(k);
                int cols = sizes[k];
                double[] pos = new double[cols * rows];
                double[] neg = new double[cols * rows];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        double v = block[r * cols + c];
                        if (v > 0) {
                            pos[c * rows + r] = v;
                        } else {
                            neg[c * rows + r] = v;
                        }
                    }
                }
                out[j][k][0] = pos;
                out[j][k][1] = neg;
            }
        }
        return out;
    }

    private void affineForms(Affine a, int j, double[] inputForm, double[][] lowForm, double[][] highForm, int dim) {
        int w = dim + 1;
        int rows = a.size();
        double[] lo = new double[w * rows];
        double[] hi = new double[w * rows];
        System.arraycopy(a.bias(), 0, lo, dim * rows, rows);
        System.arraycopy(a.bias(), 0, hi, dim * rows, rows);
        int[] from = a.from();
        int[] sizes = a.fromSizes();
        for (int k = 0; k < from.length; k++) {
            double[] srcLo = from[k] == Network.INPUT ? inputForm : lowForm[from[k]];
            double[] srcHi = from[k] == Network.INPUT ? inputForm : highForm[from[k]];
            double[] pos = signedWeights[j][k][0];
            double[] neg = signedWeights[j][k][1];
            int cols = sizes[k];
            // the constant row t = dim of an input form is zero, which the zero test below skips
            for (int t = 0; t < w; t++) {
                int out = t * rows;
                for (int c = 0; c < cols; c++) {
                    double sl = srcLo[t * cols + c];
                    double sh = srcHi[t * cols + c];
                    if (sl == 0 && sh == 0) {
                        continue;
                    }
                    int wo = c * rows;
                    for (int r = 0; r < rows; r++) {
                        double p = pos[wo + r];
                        double m = neg[wo + r];
                        lo[out + r] += p * sl + m * sh;
                        hi[out + r] += p * sh + m * sl;
                    }
                }
            }
        }
        lowForm[j] = lo;
        highForm[j] = hi;
    }

    private static void reluForms(ReluLines lines, double[] srcLo, double[] srcHi, int size, int dim,
                                  double[][] lowForm, double[][] highForm, int j) {
        int w = dim + 1;
        double[] lo = new double[w * size];
        double[] hi = new double[w * size];
        double[] ls = lines.lowerSlope();
        double[] us = lines.upperSlope();
        // slopes are >= 0, so the lower line is applied to the lower form and the upper line to the upper
        for (int t = 0; t < w; t++) {
            int o = t * size;
            for (int i = 0; i < size; i++) {
                lo[o + i] = ls[i] * srcLo[o + i];
                hi[o + i] = us[i] * srcHi[o + i];
            }
        }
        double[] li = lines.lowerIntercept();
        double[] ui = lines.upperIntercept();
        int o = dim * size;
        for (int i = 0; i < size; i++) {
            lo[o + i] += li[i];
            hi[o + i] += ui[i];
        }
        lowForm[j] = lo;
        highForm[j] = hi;
    }

    private static Bounds concretiseForms(double[] lo, double[] hi, int size, Box box) {
        int dim = box.dim();
        double[] bl = box.lower();
        double[] bu = box.upper();
        double[] l = java.util.Arrays.copyOfRange(lo, dim * size, (dim + 1) * size);
        double[] u = java.util.Arrays.copyOfRange(hi, dim * size, (dim + 1) * size);
        for (int t = 0; t < dim; t++) {
            int o = t * size;
            double lt = bl[t];
            double ut = bu[t];
            for (int r = 0; r < size; r++) {
                double cl = lo[o + r];
                l[r] += cl >= 0 ? cl * lt : cl * ut;
                double cu = hi[o + r];
                u[r] += cu >= 0 ? cu * ut : cu * lt;
            }
        }
        return new Bounds(l, u);
    }

    private Bounds intervalFromSources(Affine a, Bounds[] bounds, Bounds input) {
        int[] from = a.from();
        double[][] lo = new double[from.length][];
        double[][] hi = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            Bounds b = from[k] == Network.INPUT ? input : bounds[from[k]];
            lo[k] = b.lower();
            hi[k] = b.upper();
        }
        double[][] iv = a.interval(lo, hi);
        return new Bounds(iv[0], iv[1]);
    }

    /** Indices of the neurons that are unstable under b. */
    static int[] unstable(Bounds b) {
        int[] idx = new int[b.size()];
        int q = 0;
        for (int i = 0; i < idx.length; i++) {
            if (ReluLines.unstable(b.lower()[i], b.upper()[i])) {
                idx[q++] = i;
            }
        }
        return Arrays.copyOf(idx, q);
    }

    /** Row r of the result is the unit vector of neuron idx[r] among size neurons (row-major). */
    static double[] unitRows(int[] idx, int size) {
        double[] query = new double[idx.length * size];
        for (int r = 0; r < idx.length; r++) {
            query[r * size + idx[r]] = 1.0;
        }
        return query;
    }

    /** DeepPoly's lines for ReLUs with pre-activation bounds src (lower slope 1 where u > -l, else 0). */
    static ReluLines deepPolyLines(Bounds src) {
        double[] l = src.lower();
        double[] u = src.upper();
        double[] lambda = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            lambda[i] = u[i] > -l[i] ? 1.0 : 0.0;
        }
        return ReluLines.deepPoly(l, u, lambda);
    }

    static Bounds intersect(Bounds a, Bounds b) {
        double[] l = new double[a.size()];
        double[] u = new double[a.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.max(a.lower()[i], b.lower()[i]);
            u[i] = Math.min(a.upper()[i], b.upper()[i]);
        }
        return new Bounds(l, u);
    }
}
