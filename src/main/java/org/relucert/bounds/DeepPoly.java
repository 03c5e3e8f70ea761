package org.relucert.bounds;

import java.util.List;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.RoundingError;

/**
 * DeepPoly / CROWN-style bounds with full back-substitution (THEORY.md §3.3).
 *
 * <p>The concrete bounds of every node that feeds a ReLU, and of the output, come from back-substituting
 * that node down to the input and concretising over the box; they are <em>not</em> intersected with
 * IBP, so the DP-0/DP-1 values of THEORY.md come out exactly. An unstable ReLU gets the upper chord
 * u(z-l)/(u-l) and the lower line lambda*z, with lambda fixed by the {@link SlopeRule}.
 */
public final class DeepPoly implements Relaxation {

    /** How the lower slope lambda of an unstable ReLU is chosen. */
    public enum SlopeRule {
        /** lambda = 0 (DP-0). */
        ZERO("deeppoly0"),
        /** lambda = 1 (DP-1). */
        ONE("deeppoly1"),
        /** Area heuristic of the original DeepPoly: lambda = 1 if u > -l, else 0. */
        AREA("deeppoly");

        private final String domain;

        SlopeRule(String domain) {
            this.domain = domain;
        }

        /** Lower slopes for pre-activation bounds [l, u]. */
        public double[] slopes(double[] l, double[] u) {
            double[] lambda = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                lambda[i] = switch (this) {
                    case ZERO -> 0.0;
                    case ONE -> 1.0;
                    case AREA -> u[i] > -l[i] ? 1.0 : 0.0;
                };
            }
            return lambda;
        }

        /** The ReLU lines for pre-activation bounds src: stable neurons exact, unstable ones the chord and lambda*z. */
        public ReluLines lines(Bounds src) {
            return ReluLines.deepPoly(src.lower(), src.upper(), slopes(src.lower(), src.upper()));
        }
    }

    /**
     * Largest output x input coefficient count for which {@link #analyse} keeps the output's linear bounds
     * (2^22 entries, 32 MiB per side).
     */
    static final long MAX_LINE_ENTRIES = 1L << 22;

    private final SlopeRule rule;
    private final String name;

    /** DeepPoly with the given slope rule, named by the rule ("deeppoly0", "deeppoly1", "deeppoly"). */
    public DeepPoly(SlopeRule rule) {
        this(rule, rule.domain);
    }

    /** DeepPoly with the given slope rule under another domain name (e.g. "crown", auto_LiRPA's name of AREA). */
    public DeepPoly(SlopeRule rule, String name) {
        this.rule = rule;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Bounds of every node; the analysis also carries the output's linear bounds over the input when the
     * output is bounded in one query and has at most {@value #MAX_LINE_ENTRIES} coefficients.
     */
    @Override
    public Analysis analyse(Network net, Box box) {
        LinearBounds[] outputLines = new LinearBounds[1];
        State s = propagate(net, box, rule, RowBlocks.blockRows(net), Deadline.NONE, outputLines);
        return new Analysis(name(), s.bounds()[net.output()], s.bounds(), List.of(), outputLines[0]);
    }

    /**
     * As {@link #analyse(Network, Box)}, checking {@code deadline} before each node is back-substituted;
     * when it passes, the IBP bounds of every node are returned instead, with a note.
     */
    @Override
    public Analysis analyse(Network net, Box box, Deadline deadline) {
        try {
            LinearBounds[] outputLines = new LinearBounds[1];
            State s = propagate(net, box, rule, RowBlocks.blockRows(net), deadline, outputLines);
            return new Analysis(name(), s.bounds()[net.output()], s.bounds(), List.of(), outputLines[0]);
        } catch (Deadline.Expired e) {
            Bounds[] ibp = Ibp.propagate(net, box);
            return new Analysis(name(), ibp[net.output()], ibp, List.of(Analysis.TIME_LIMIT + " of "
                    + Analysis.seconds(deadline.limitSeconds()) + " reached during back-substitution: every bound is the IBP bound"));
        }
    }

    /** Bounds of every node and the ReLU lines used, as computed by DeepPoly with the given rule. */
    public record State(Bounds[] bounds, ReluLines[] lines) {
    }

    /**
     * Runs DeepPoly over all nodes. Wide nodes are back-substituted in blocks of rows
     * ({@link RowBlocks#blockRows}), which gives the bounds of the one-shot identity query.
     */
    public static State propagate(Network net, Box box, SlopeRule rule) {
        return propagate(net, box, rule, RowBlocks.blockRows(net));
    }

    /** Runs DeepPoly over all nodes, back-substituting at most {@code blockRows} rows of a node at a time. */
    public static State propagate(Network net, Box box, SlopeRule rule, int blockRows) {
        return propagate(net, box, rule, blockRows, Deadline.NONE);
    }

    /**
     * As {@link #propagate(Network, Box, SlopeRule, int)}, checking the deadline before each node.
     *
     * @throws Deadline.Expired when it passes
     */
    public static State propagate(Network net, Box box, SlopeRule rule, int blockRows, Deadline deadline) {
        return propagate(net, box, rule, blockRows, deadline, null);
    }

    /**
     * As {@link #propagate(Network, Box, SlopeRule, int, Deadline)}; keeps the output's linear bounds in
     * {@code outputLines[0]} when they fit.
     */
    private static State propagate(Network net, Box box, SlopeRule rule, int blockRows, Deadline deadline,
                                   LinearBounds[] outputLines) {
        Ibp.checkDimension(net, box);
        int n = net.nodes().size();
        Bounds[] bounds = new Bounds[n];
        ReluLines[] lines = new ReluLines[n];
        boolean[] feeds = net.feedsRelu();
        double[][] magnitude = BackSubstitution.magnitudes(bounds, box);
        BackSubstitution.Options options = BackSubstitution.Options.BOTH.withMagnitudes(magnitude);
        // nodes bounded by their own full back-substitution: a later walk whose forms narrow down to one entry
        // of one of them ends there (a chain of 100,000 nodes is then linear, not quadratic)
        Bounds[] stops = new Bounds[n];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            Relu r = net.relu(j);
            deadline.check();
            if (r != null) {
                Bounds src = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : bounds[r.source()];
                lines[j] = rule.lines(src);
                double[][] iv = node.interval(new double[][] {src.lower()}, new double[][] {src.upper()});
                bounds[j] = new Bounds(iv[0], iv[1]);
            } else if (j == net.output() && outputLines != null && node.size() <= blockRows
                    && (long) node.size() * net.inputSize() <= MAX_LINE_ENTRIES) {
                // the one query RowBlocks would run, keeping its linear bounds
                outputLines[0] = BackSubstitution.runIdentity(net, j, lines, options);
                bounds[j] = outputLines[0].concretise(box.lower(), box.upper());
                stops[j] = bounds[j];
            } else if (feeds[j] || j == net.output()) {
                // the nodes before j are bounded: their magnitudes bound the walk's rounding errors
                bounds[j] = RowBlocks.bounds(net, j, lines, box, blockRows, options, stops);
                stops[j] = bounds[j];
            } else {
                bounds[j] = intervalFromSources(net, box, bounds, j);
            }
            magnitude[j] = RoundingError.magnitude(bounds[j].lower(), bounds[j].upper());
        }
        return new State(bounds, lines);
    }

    /** Linear bounds of the output over the input, e.g. for plotting the DeepPoly lines. */
    public static LinearBounds outputLines(Network net, Box box, SlopeRule rule) {
        State s = propagate(net, box, rule);
        return BackSubstitution.runIdentity(net, net.output(), s.lines(),
                BackSubstitution.Options.BOTH.withMagnitudes(BackSubstitution.magnitudes(s.bounds(), box)));
    }

    private static Bounds intervalFromSources(Network net, Box box, Bounds[] bounds, int j) {
        Node node = net.node(j);
        int[] from = node.from();
        double[][] lo = new double[from.length][];
        double[][] hi = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            Bounds b = from[k] == Network.INPUT ? new Bounds(box.lower(), box.upper()) : bounds[from[k]];
            lo[k] = b.lower();
            hi[k] = b.upper();
        }
        double[][] iv = node.interval(lo, hi);
        return new Bounds(iv[0], iv[1]);
    }
}
