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
     *                  rounding error is added to the constants outward ({@link Node#backwardError}), so the
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

    /**
     * The state of one back-substitution: coefficients per node (slot {@code n} is the input). With both
     * sides, each is either shared (q rows, lower = upper) or stacked (2q rows: q lower, then q upper); with
     * one side per row, every buffer has q rows.
     */
    private static final double[][] NOTHING_KEPT = new double[0][];

    /**
     * A thread's per-node buffer arrays, reused by its next walk (all entries null between walks): allocating
     * them per walk made the many short walks of a long chain quadratic in its length.
     */
    private static final class Workspace {
        final double[][] coef;
        final boolean[] stacked;

        Workspace(int slots) {
            coef = new double[slots][];
            stacked = new boolean[slots];
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(() -> new Workspace(0));

    private static final class Walk {
        private final Network net;
        private final int q;
        private final ReluLines[] lines;
        private final Options options;
        private final boolean canShare;
        /** Rows of a stacked buffer and how many of them are bounded from below. */
        private final int rows;
        private final int lowerRows;
        private final int inputSlot;
        private final double[][] coef;
        private final boolean[] stacked;
        private final Workspace workspace;
        private final double[] constant;
        /** Per row, the bound of the rounding errors so far (when magnitudes are given). */
        private final double[] slack;
        private final double[][] kept;
        /** Nodes whose bounds may end the walk (see {@link BackSubstitution#run}), or null. */
        private final Bounds[] stops;
        /** Nodes (and the input) with a coefficient buffer. */
        private int live;

        Walk(Network net, int q, ReluLines[] lines, Options options, Bounds[] stops) {
            this.stops = stops;
            this.net = net;
            this.q = q;
            this.lines = lines;
            this.options = options;
            this.canShare = options.bothSides();
            this.rows = canShare ? 2 * q : q;
            this.lowerRows = canShare ? q : options.lowerRows();
            this.inputSlot = net.nodes().size();
            Workspace w = WORKSPACE.get();
            if (w.coef.length < inputSlot + 1) {
                w = new Workspace(inputSlot + 1);
                WORKSPACE.set(w);
            }
            // taken until the walk has ended cleanly (a walk that throws leaves it taken, hence unused)
            WORKSPACE.set(new Workspace(0));
            this.workspace = w;
            this.coef = w.coef;
            this.stacked = w.stacked;
            this.constant = new double[rows];
            this.slack = new double[rows];
            this.kept = options.keep() == null ? NOTHING_KEPT : new double[inputSlot][];
        }

        void start(int target, double[] query) {
            coef[target] = query.clone();
            stacked[target] = !canShare;
            live = 1;
        }

        private int slot(int node) {
            return node == Network.INPUT ? inputSlot : node;
        }

        /** The coefficient buffer of a node, created or converted to stacked form when asked. */
        double[] buffer(int node, boolean wantStacked) {
            int s = slot(node);
            int size = net.sizeOf(node);
            boolean want = wantStacked || !canShare;
            if (coef[s] == null) {
                live++;
                coef[s] = new double[(want ? rows : q) * size];
                stacked[s] = want;
            } else if (want && !stacked[s]) {
                coef[s] = stack(coef[s]);
                stacked[s] = true;
            }
            return coef[s];
        }

        private static double[] stack(double[] shared) {
            double[] out = new double[2 * shared.length];
            System.arraycopy(shared, 0, out, 0, shared.length);
            System.arraycopy(shared, 0, out, shared.length, shared.length);
            return out;
        }

        Result run(int from) {
            double[][] term = options.term();
            boolean[] keep = options.keep();
            for (int j = from; j >= 0; j--) {
                boolean hasTerm = term != null && j < term.length && term[j] != null;
                if (coef[j] == null && !hasTerm) {
                    continue;
                }
                if (stops != null && stops[j] != null && live == 1 && coef[j] != null && singleEntries(j)) {
                    concretiseAt(j);
                    coef[j] = null;
                    break;
                }
                if (coef[j] != null) {
                    step(j);
                }
                if (hasTerm) {
                    addTerm(j, term[j]);
                }
                if (keep != null && j < keep.length && keep[j] && coef[j] != null) {
                    kept[j] = stacked[j] ? coef[j] : stack(coef[j]);
                }
                if (coef[j] != null) {
                    live--;
                }
                coef[j] = null;
            }
            Result result = new Result(bounds(), kept, rows);
            // every buffer is null again: the walk nulls each node it passes, and a stop leaves no other
            coef[inputSlot] = null;
            WORKSPACE.set(workspace);
            return result;
        }

        /** Whether every form has at most one non-zero coefficient on node j. */
        private boolean singleEntries(int j) {
            double[] c = coef[j];
            int size = net.sizeOf(j);
            for (int base = 0; base < c.length; base += size) {
                boolean seen = false;
                for (int i = base; i < base + size; i++) {
                    if (c[i] != 0) {
                        if (seen) {
                            return false;
                        }
                        seen = true;
                    }
                }
            }
            return true;
        }

        /** Adds each form's a·v_j[i] over stops[j] to its constant, rounded outward (the forms then end). */
        private void concretiseAt(int j) {
            double[] c = coef[j];
            double[] lo = stops[j].lower();
            double[] hi = stops[j].upper();
            int size = net.sizeOf(j);
            for (int r = 0; r < rows; r++) {
                boolean lowerRow = canShare ? r < q : r < lowerRows;
                int base = (stacked[j] || !canShare ? r : r % q) * size;
                for (int i = 0; i < size; i++) {
                    double a = c[base + i];
                    if (a != 0) {
                        double v = lowerRow == a > 0 ? a * lo[i] : a * hi[i];
                        double sum = constant[r] + v;
                        slack[r] += RoundingError.sum(2, Math.abs(v) + Math.abs(sum));
                        constant[r] = sum;
                    }
                }
            }
        }

        private void step(int j) {
            Node node = net.node(j);
            int[] from = node.from();
            boolean stack = stacked[j] || !node.keepsFormsEqual(coef[j], q, lines[j]);
            for (int f : from) {
                int s = slot(f);
                stack |= coef[s] != null && stacked[s];
            }
            if (stack && !stacked[j]) {
                coef[j] = stack(coef[j]);
                stacked[j] = true;
            }
            double[][] fromCoef = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                fromCoef[k] = buffer(from[k], stack);
            }
            double[][] magnitude = options.magnitude() == null || !RoundingError.enabled() ? null
                    : sourceMagnitudes(j, from);
            if (stack) {
                node.backward(coef[j], rows, lowerRows, fromCoef, constant, lines[j]);
                if (magnitude != null) {
                    node.backwardError(coef[j], rows, lowerRows, fromCoef, magnitude, lines[j], slack);
                    for (int r = 0; r < rows; r++) {
                        slack[r] += RoundingError.sum(1, Math.abs(constant[r]));
                    }
                }
            } else {
                double[] c = new double[q];
                node.backward(coef[j], q, q, fromCoef, c, lines[j]);
                for (int r = 0; r < q; r++) {
                    constant[r] += c[r];
                    constant[q + r] += c[r];
                }
                if (magnitude != null) {
                    double[] e = new double[q];
                    node.backwardError(coef[j], q, q, fromCoef, magnitude, lines[j], e);
                    for (int r = 0; r < q; r++) {
                        slack[r] += e[r] + RoundingError.sum(1, Math.abs(constant[r]));
                        slack[q + r] += e[r] + RoundingError.sum(1, Math.abs(constant[q + r]));
                    }
                }
            }
        }

        private double[][] sourceMagnitudes(int j, int[] from) {
            double[][] m = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                m[k] = options.magnitude()[slot(from[k])];
                if (m[k] == null) {
                    throw new IllegalStateException("back-substitution through node '" + net.nameOf(j)
                            + "' needs the bounds of its source " + k + " to bound its rounding error");
                }
            }
            return m;
        }

        /** Adds the term to every form's coefficients on node j's single source. */
        private void addTerm(int j, double[] t) {
            int[] from = net.node(j).from();
            if (from.length != 1 || t.length != net.sizeOf(from[0])) {
                throw new IllegalArgumentException("a term on node '" + net.nameOf(j)
                        + "' needs one source and one coefficient per entry of it");
            }
            int s = slot(from[0]);
            double[] out = buffer(from[0], coef[s] != null && stacked[s]);
            int size = t.length;
            int forms = out.length / size;
            double[] m = options.magnitude() == null || !RoundingError.enabled() ? null
                    : sourceMagnitudes(j, new int[] {from[0]})[0];
            for (int r = 0; r < forms; r++) {
                int base = r * size;
                for (int i = 0; i < size; i++) {
                    out[base + i] += t[i];
                }
                if (m != null) {
                    // one addition per coefficient; a shared buffer serves the rows r and q + r
                    double e = RoundingError.coefficients(1, RoundingError.absDot(out, base, m, size),
                            RoundingError.total(m));
                    slack[r] += e;
                    if (forms < rows) {
                        slack[q + r] += e;
                    }
                }
            }
        }

        private LinearBounds bounds() {
            for (int r = 0; r < rows; r++) {
                boolean lowerRow = canShare ? r < q : r < lowerRows;
                constant[r] = lowerRow ? RoundingError.down(constant[r], slack[r])
                        : RoundingError.up(constant[r], slack[r]);
            }
            int d = net.inputSize();
            double[] input = coef[inputSlot] == null ? new double[rows * d] : coef[inputSlot];
            boolean inputStacked = coef[inputSlot] == null || stacked[inputSlot];
            if (!canShare) {
                return LinearBounds.sided(q, d, lowerRows, input, constant);
            }
            double[] lowerCoef = new double[q * d];
            double[] upperCoef = new double[q * d];
            System.arraycopy(input, 0, lowerCoef, 0, q * d);
            System.arraycopy(input, inputStacked ? q * d : 0, upperCoef, 0, q * d);
            double[] lowerConst = new double[q];
            double[] upperConst = new double[q];
            System.arraycopy(constant, 0, lowerConst, 0, q);
            System.arraycopy(constant, q, upperConst, 0, q);
            return new LinearBounds(q, d, lowerCoef, lowerConst, upperCoef, upperConst);
        }
    }
}
