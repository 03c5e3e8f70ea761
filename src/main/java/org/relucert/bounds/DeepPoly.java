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

    private final SlopeRule rule;

    public DeepPoly(SlopeRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.domain;
    }

    @Override
    public Analysis analyse(Network net, Box box) {
        State s = propagate(net, box, rule);
        return new Analysis(name(), s.bounds()[net.output()], s.bounds(), List.of());
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
        Ibp.checkDimension(net, box);
        int n = net.nodes().size();
        Bounds[] bounds = new Bounds[n];
        ReluLines[] lines = new ReluLines[n];
        boolean[] feeds = net.feedsRelu();
        double[][] magnitude = BackSubstitution.magnitudes(bounds, box);
        BackSubstitution.Options options = BackSubstitution.Options.BOTH.withMagnitudes(magnitude);
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            Relu r = net.relu(j);
            if (r != null) {
                Bounds src = r.source() == Network.INPUT ? new Bounds(box.lower(), box.upper()) : bounds[r.source()];
                lines[j] = rule.lines(src);
                double[][] iv = node.interval(new double[][] {src.lower()}, new double[][] {src.upper()});
                bounds[j] = new Bounds(iv[0], iv[1]);
            } else if (feeds[j] || j == net.output()) {
                // the nodes before j are bounded: their magnitudes bound the walk's rounding errors
                bounds[j] = RowBlocks.bounds(net, j, lines, box, blockRows, options);
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
