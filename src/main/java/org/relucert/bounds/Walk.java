package org.relucert.bounds;

import org.relucert.bounds.BackSubstitution.Options;
import org.relucert.bounds.BackSubstitution.Result;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.ReluLines;
import org.relucert.net.RoundingError;
import org.relucert.net.RoundingSlack;

/**
 * The state of one back-substitution: coefficients per node (slot {@code n} is the input). With both
 * sides, each is either shared (q rows, lower = upper) or stacked (2q rows: q lower, then q upper); with
 * one side per row, every buffer has q rows.
 */
final class Walk {
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
    private final double[] constant;
    /** Per row, the bound of the rounding errors so far (when magnitudes are given). */
    private final double[] slack;
    private final double[][] kept;
    private final Workspace workspace;
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
            node.backward(coef[j], rows, lowerRows, fromCoef, constant, lines[j],
                    magnitude == null ? null : new RoundingSlack(magnitude, slack));
            if (magnitude != null) {
                for (int r = 0; r < rows; r++) {
                    slack[r] += RoundingError.sum(1, Math.abs(constant[r]));
                }
            }
        } else {
            // one copy of equal forms: the step's constants and error serve the rows r and q + r
            double[] c = new double[q];
            double[] e = magnitude == null ? null : new double[q];
            node.backward(coef[j], q, q, fromCoef, c, lines[j], e == null ? null : new RoundingSlack(magnitude, e));
            for (int r = 0; r < q; r++) {
                constant[r] += c[r];
                constant[q + r] += c[r];
            }
            if (e != null) {
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
