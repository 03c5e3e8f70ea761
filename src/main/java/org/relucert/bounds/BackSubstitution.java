package org.relucert.bounds;

import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.ReluLines;
import org.relucert.net.RoundingError;

/**
 * Symbolic back-substitution through the network DAG down to the input (THEORY.md §3.3): the one walk
 * behind DeepPoly, the verifier's query bounds, slope gradients, input gradients and exact forms on
 * stable leaves.
 *
 * <p>Nodes are visited in reverse topological order; a node's coefficients are complete when it is
 * visited because all its consumers come later. Every step is the node's own {@link Node#backward}; the
 * walk knows no node kind. Two ways of bounding the query rows ({@link Options}):
 * <ul>
 *   <li>both sides (the default): each row gets a lower and an upper form. Lower and upper forms are
 *       stacked into one matrix so that each node costs a single product; while they are still equal
 *       (before the first step that relaxes an entry the forms use, see {@link Node#keepsFormsEqual}) only
 *       one copy is kept, which halves those products; the result is the same as with the stacked matrix;</li>
 *   <li>one side per row ({@link Options#oneSided}): the first {@code lowerRows} rows are bounded from
 *       below, the others from above, one form each.</li>
 * </ul>
 * Options also add a Lagrangian term on the sources of chosen nodes ({@link Options#withTerm}) and keep the
 * coefficients reached at chosen nodes' outputs ({@link Options#keeping}).
 */
public final class BackSubstitution {
    private BackSubstitution() {
    }

    /**
     * How the rows are bounded and what the walk also does.
     *
     * @param lowerRows {@link #BOTH_SIDES}, or the number of leading rows bounded from below (the others
     *                  from above)
     * @param term      per node index, coefficients (one per entry of the node's single source) added to
     *                  every row's form on that source when the walk reaches the node, i.e. the walk bounds
     *                  {@code query·v_target + sum_j term[j]·source(j)}; null entries (or null): none. With
     *                  ReLU nodes this is the beta-CROWN term of phase constraints on pre-activations.
     * @param keep      per node index, whether to keep the coefficients reached at the node's output (null:
     *                  none)
     * @param magnitude per node index and, last, the input: bounds of the entries' absolute values over the
     *                  box the forms will be concretised on ({@link #magnitudes}); with them every step's
     *                  rounding error is added to the constants outward (each step bounds its own, see
     *                  {@link org.relucert.net.RoundingSlack}), so the
     *                  forms hold in exact arithmetic for every point of that box. Null: the forms are the
     *                  floating-point ones, without that guarantee (tests of the walk's algebra only).
     */
    public record Options(int lowerRows, double[][] term, boolean[] keep, double[][] magnitude) {
        /** Marks that every row is bounded from below and from above. */
        public static final int BOTH_SIDES = -1;
        /** Both sides, no term, nothing kept. */
        public static final Options BOTH = new Options(BOTH_SIDES, null, null, null);

        /** One side per row: rows {@code 0..lowerRows-1} from below, the others from above. */
        public static Options oneSided(int lowerRows) {
            if (lowerRows < 0) {
                throw new IllegalArgumentException("lowerRows must be >= 0, got " + lowerRows);
            }
            return new Options(lowerRows, null, null, null);
        }

        /** The same options with the given terms on node sources. */
        public Options withTerm(double[][] term) {
            return new Options(lowerRows, term, keep, magnitude);
        }

        /** The same options with rounding errors bounded for these magnitudes (see {@link #magnitudes}). */
        public Options withMagnitudes(double[][] magnitude) {
            return new Options(lowerRows, term, keep, magnitude);
        }

        /** The same options, keeping the coefficients reached at the output of each node with {@code keep[j]}. */
        public Options keeping(boolean[] keep) {
            return new Options(lowerRows, term, keep, magnitude);
        }

        boolean bothSides() {
            return lowerRows == BOTH_SIDES;
        }
    }

    /**
     * Linear bounds over the input, and the coefficients kept on the way.
     *
     * @param bounds the rows' bounds; with one side per row, the unbounded side of a row has zero
     *               coefficients and an infinite constant (so it is still a valid, if useless, bound)
     * @param kept   (empty when nothing was asked to be kept) per node index, when kept: the coefficients reached at the node's output, row-major with
     *               one row per form ({@code q} rows with one side per row; {@code 2q} rows, the lower forms
     *               then the upper forms, with both sides); null where not kept or never reached
     * @param forms  rows of each kept matrix
     */
    public record Result(LinearBounds bounds, double[][] kept, int forms) {

        /** Form r of each kept coefficient matrix (null where none was kept). */
        public double[][] keptRow(int r) {
            double[][] out = new double[kept.length][];
            for (int j = 0; j < kept.length; j++) {
                if (kept[j] != null) {
                    int size = kept[j].length / forms;
                    out[j] = java.util.Arrays.copyOfRange(kept[j], r * size, (r + 1) * size);
                }
            }
            return out;
        }
    }

    /**
     * Linear bounds (both sides), over the input, of the forms {@code query · v_target} where {@code query}
     * is q x size(target), row-major.
     *
     * @param lines ReLU linear bounds by node index (entries for ReLU nodes up to target must be set)
     */
    public static LinearBounds run(Network net, int target, double[] query, int q, ReluLines[] lines) {
        return run(net, target, query, q, lines, Options.BOTH).bounds();
    }

    /** As {@link #run(Network, int, double[], int, ReluLines[])} with the given options. */
    public static Result run(Network net, int target, double[] query, int q, ReluLines[] lines, Options options) {
        return run(net, target, query, q, lines, options, null);
    }

    /**
     * As {@link #run(Network, int, double[], int, ReluLines[], Options)}, stopping early where that cannot
     * change the concretised bounds: when the walk reaches a node k with {@code stops[k]} set while the
     * forms reach no other node (nor the input) and every form has at most one non-zero coefficient on k,
     * each form a·v_k[i] + c is concretised over {@code stops[k]} (outward, with its rounding error) and
     * the walk ends. {@code stops[k]} must be k's bounds from this walk's identity query (as DeepPoly
     * computes them), so that, the walk being positively homogeneous, the rest of the walk would give
     * a·(k's own bound) + c: the bounds are those of the full walk, up to rounding. The result's forms then
     * have zero coefficients on the input for such rows: use it for bounds, not for the input lines. Without
     * terms or kept coefficients only (ignored otherwise); null: no stops.
     */
    public static Result run(Network net, int target, double[] query, int q, ReluLines[] lines, Options options,
                             Bounds[] stops) {
        if (query.length != q * net.sizeOf(target)) {
            throw new IllegalArgumentException("query has " + query.length + " entries, expected " + q + " x "
                    + net.sizeOf(target));
        }
        if (!options.bothSides() && options.lowerRows() > q) {
            throw new IllegalArgumentException(options.lowerRows() + " lower rows of " + q);
        }
        Walk walk = new Walk(net, q, lines, options, options.term() == null && options.keep() == null ? stops : null);
        walk.start(target, query);
        return walk.run(target);
    }

    /**
     * Linear bounds (both sides), over the input, of every entry of node {@code target}: the identity query.
     * Nodes that skip zero coefficients (as {@code Affine} does) make its first step as cheap as copying the
     * node's own weight.
     */
    public static LinearBounds runIdentity(Network net, int target, ReluLines[] lines) {
        return runIdentity(net, target, lines, Options.BOTH);
    }

    /** As {@link #runIdentity(Network, int, ReluLines[])} with the given options (both sides). */
    public static LinearBounds runIdentity(Network net, int target, ReluLines[] lines, Options options) {
        int size = net.sizeOf(target);
        return run(net, target, identity(size), size, lines, options).bounds();
    }

    /**
     * Linear bounds, over the input, of the entries {@code first .. first+count-1} of node {@code target}:
     * rows {@code first .. first+count-1} of {@link #runIdentity}. Each row is back-substituted independently of the others, so bounding a node
     * block by block gives the rows of the one-shot query.
     */
    public static LinearBounds runIdentityRows(Network net, int target, ReluLines[] lines, int first, int count) {
        return runIdentityRows(net, target, lines, first, count, Options.BOTH);
    }

    /** As {@link #runIdentityRows(Network, int, ReluLines[], int, int)} with the given options (both sides). */
    public static LinearBounds runIdentityRows(Network net, int target, ReluLines[] lines, int first, int count,
                                               Options options) {
        return runIdentityRows(net, target, lines, first, count, options, null);
    }

    /** As {@link #runIdentityRows(Network, int, ReluLines[], int, int, Options)} with stops (see {@link #run}). */
    public static LinearBounds runIdentityRows(Network net, int target, ReluLines[] lines, int first, int count,
                                               Options options, Bounds[] stops) {
        int size = net.sizeOf(target);
        if (first < 0 || count < 0 || first + count > size) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + count) + " outside node of size " + size);
        }
        double[] query = new double[count * size];
        for (int r = 0; r < count; r++) {
            query[r * size + first + r] = 1.0;
        }
        return run(net, target, query, count, lines, options, stops).bounds();
    }

    /**
     * Magnitude bounds for {@link Options#withMagnitudes}: max(|lower|, |upper|) of each node's sound bounds
     * (null where not known: such a node must not be reached by the walk) and, last, of the box.
     */
    public static double[][] magnitudes(Bounds[] nodes, Box box) {
        double[][] m = new double[nodes.length + 1][];
        for (int j = 0; j < nodes.length; j++) {
            if (nodes[j] != null) {
                m[j] = RoundingError.magnitude(nodes[j].lower(), nodes[j].upper());
            }
        }
        m[nodes.length] = RoundingError.magnitude(box.lower(), box.upper());
        return m;
    }

    /** Identity query for all entries of a node of the given size. */
    public static double[] identity(int size) {
        double[] id = new double[size * size];
        for (int i = 0; i < size; i++) {
            id[i * size + i] = 1.0;
        }
        return id;
    }
}
