package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.DeepPoly;
import org.relucert.bounds.ForwardForms;
import org.relucert.bounds.LinearBounds;
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
 * <p>Intermediate bounds: a cheap pass (forward symbolic linear bounds, {@link ForwardForms}, when the
 * input is low-dimensional, else intervals, {@link Node#interval}), intersected with inherited bounds of a
 * parent subproblem; then only the neurons that are still unstable are refined by DeepPoly
 * back-substitution ({@link BackSubstitution}; both are sound, so their intersection is). Every node kind
 * goes through its own rules; only ReLU nodes ({@link Network#relu}) get lines and phase constraints. Phase
 * constraints intersect a neuron's pre-activation bounds with z >= 0 or z &lt;= 0, which makes its lines exact
 * on the subproblem. The final query can then be tightened by {@link SlopeOptimiser} (alpha-CROWN style).
 * Thread-safe: holds only the immutable network.
 */
public final class QueryBounder {
    /** Input dimension up to which the forward symbolic pass is used instead of intervals. */
    public static final int FORWARD_MAX_DIM = 32;
    /** A refinement time limit meaning "no limit". */
    public static final long NO_LIMIT = Refinement.NO_LIMIT;

    private final Network net;
    private final boolean[] feedsRelu;
    private final boolean forward;
    private final boolean[] reluNodes;
    /** Per node index, the ReLU nodes that read it. */
    private final int[][] reluReaders;
    /** Per node index, whether back-substitution can be tighter than the cheap pass ({@link #refinable}). */
    private final boolean[] refinable;

    public QueryBounder(Network net) {
        this.net = net;
        this.feedsRelu = net.feedsRelu();
        this.forward = net.inputSize() <= FORWARD_MAX_DIM;
        this.reluNodes = Neurons.reluNodes(net);
        int n = net.nodes().size();
        int[] count = new int[n];
        for (int k = 0; k < n; k++) {
            Relu r = net.relu(k);
            if (r != null && r.source() != Network.INPUT) {
                count[r.source()]++;
            }
        }
        this.refinable = refinable(net, forward);
        this.reluReaders = new int[n][];
        for (int j = 0; j < n; j++) {
            reluReaders[j] = new int[count[j]];
            count[j] = 0;
        }
        for (int k = 0; k < n; k++) {
            Relu r = net.relu(k);
            if (r != null && r.source() != Network.INPUT) {
                reluReaders[r.source()][count[r.source()]++] = k;
            }
        }
    }

    public Network network() {
        return net;
    }

    /**
     * Which nodes' bounds back-substitution may tighten beyond the cheap pass. With forward forms, a node
     * behind at most one ReLU layer (on every path from the input) gets the same bounds either way: both
     * compose the same lines with sources that are exact affine forms of the input, so refining it would
     * only repeat the forward pass at many times the cost (on cifar_biasfield the first two convolutions,
     * 0.4-0.7 s of about 8 s per half). Every node is refinable when intervals are the cheap pass.
     */
    static boolean[] refinable(Network net, boolean forward) {
        int n = net.nodes().size();
        int[] reluDepth = new int[n];
        boolean[] out = new boolean[n];
        for (int j = 0; j < n; j++) {
            int depth = 0;
            for (int f : net.node(j).from()) {
                depth = Math.max(depth, f == Network.INPUT ? 0 : reluDepth[f]);
            }
            reluDepth[j] = depth + (net.relu(j) != null ? 1 : 0);
            out[j] = !forward || reluDepth[j] >= 2;
        }
        return out;
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
        return bound(box, splits, inherited, reuseBelow, c, d, refine, NO_LIMIT);
    }

    /**
     * As {@link #bound(Box, ReluSplits, Bounds[], int, double[][], double[], boolean)}, refining intermediate
     * bounds only until the System.nanoTime() instant {@code refineUntil} ({@link #NO_LIMIT}: no limit); the
     * neurons left unrefined keep their cheap bounds, so the result stays sound.
     */
    public QueryBounds bound(Box box, ReluSplits splits, Bounds[] inherited, int reuseBelow, double[][] c, double[] d,
                             boolean refine, long refineUntil) {
        Intermediate im = intermediate(box, splits, inherited, inherited == null ? 0 : reuseBelow, refine, refineUntil);
        if (im == null) {
            return infeasible(c.length);
        }
        return finalQuery(box, im.bounds, im.lines, c, d);
    }

    /** Bounds and lines of every node, or null when the phase constraints are contradictory. */
    record Intermediate(Bounds[] bounds, ReluLines[] lines) {
    }

    Intermediate intermediate(Box box, ReluSplits splits, Bounds[] inherited, int reuseBelow, boolean refine) {
        return intermediate(box, splits, inherited, reuseBelow, refine, NO_LIMIT);
    }

    /**
     * Intermediate bounds, refined until {@code refineUntil}: each ReLU-feeding node gets an equal share of the
     * refinement time left ({@link Refinement}), time a node does not use passes on to the later ones.
     */
    Intermediate intermediate(Box box, ReluSplits splits, Bounds[] inherited, int reuseBelow, boolean refine,
                              long refineUntil) {
        int n = net.nodes().size();
        int feedersLeft = 0;
        for (int j = reuseBelow; j < n; j++) {
            feedersLeft += feedsRelu[j] && net.relu(j) == null && refinable[j] ? 1 : 0;
        }
        Bounds[] bounds = new Bounds[n];
        ReluLines[] lines = new ReluLines[n];
        Bounds input = new Bounds(box.lower(), box.upper());
        ForwardForms forms = forward ? new ForwardForms(net, box) : null;
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            Relu relu = net.relu(j);
            if (relu != null) {
                // a ReLU of the input takes its phases here; other sources had them applied as they were bounded
                Bounds src = relu.source() == Network.INPUT ? clampInput(j, input, splits) : bounds[relu.source()];
                if (src == null) {
                    return null;
                }
                lines[j] = DeepPoly.SlopeRule.AREA.lines(src);
                bounds[j] = interval(node, bounds, input);
                if (forward) {
                    forms.step(j, lines[j]);
                }
                continue;
            }
            if (forward) {
                forms.step(j, null);
            }
            if (j < reuseBelow && inherited[j] != null) {
                bounds[j] = feedsRelu[j] ? applySplits(j, inherited[j], splits) : inherited[j];
                if (bounds[j] == null) {
                    return null;
                }
                continue;
            }
            Bounds cheap = forward ? forms.concretise(j) : interval(node, bounds, input);
            if (inherited != null && inherited[j] != null) {
                cheap = Bounds.intersect(cheap, inherited[j]);
            }
            if (feedsRelu[j]) {
                if (refine && refinable[j]) {
                    long until = refineUntil == NO_LIMIT ? NO_LIMIT : Refinement.share(refineUntil, feedersLeft);
                    cheap = Refinement.refineUnstable(net, j, cheap, lines, box, bounds, until);
                    feedersLeft--;
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
        return applySplits(reluReaders[j], b, splits);
    }

    /** The input box under the phase constraints of ReLU node k, which reads the input; null when contradictory. */
    private static Bounds clampInput(int k, Bounds input, ReluSplits splits) {
        return splits.none(k) ? input : applySplits(new int[] {k}, input, splits);
    }

    private static Bounds applySplits(int[] readers, Bounds b, ReluSplits splits) {
        double[] l = null;
        double[] u = null;
        for (int k : readers) {
            if (splits.none(k)) {
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

    private QueryBounds finalQuery(Box box, Bounds[] bounds, ReluLines[] lines, double[][] c, double[] d) {
        int rows = c.length;
        int m = net.outputSize();
        double[] query = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c[r], 0, query, r * m, m);
        }
        BackSubstitution.Result res = BackSubstitution.run(net, net.output(), query, rows, lines,
                BackSubstitution.Options.oneSided(rows).keeping(reluNodes)
                        .withMagnitudes(BackSubstitution.magnitudes(bounds, box)));
        LinearBounds lb = res.bounds();
        double[] rowLower = new double[rows];
        int best = 0;
        for (int r = 0; r < rows; r++) {
            rowLower[r] = lb.lowerBound(r, box) - d[r];
            if (rowLower[r] > rowLower[best]) {
                best = r;
            }
        }
        return new QueryBounds(rowLower, best, lb.lowerRow(best), lb.minimiser(best, box), res.keptRow(best), bounds,
                lines, false, null, lb.lowerConst()[best] - d[best]);
    }

    private QueryBounds infeasible(int rows) {
        double[] lower = new double[rows];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        return new QueryBounds(lower, 0, new double[net.inputSize()], null, null, null, null, true, null, 0);
    }

    /** The IBP image of node j's source bounds. */
    private static Bounds interval(Node node, Bounds[] bounds, Bounds input) {
        int[] from = node.from();
        double[][] lo = new double[from.length][];
        double[][] hi = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            Bounds b = from[k] == Network.INPUT ? input : bounds[from[k]];
            lo[k] = b.lower();
            hi[k] = b.upper();
        }
        double[][] iv = node.interval(lo, hi);
        return new Bounds(iv[0], iv[1]);
    }

}
