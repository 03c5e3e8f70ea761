package org.relucert.net;

import java.util.function.BinaryOperator;

/**
 * A forward symbolic pass over all nodes with {@link Node#forward}: every node gets lower and upper linear
 * forms over the input (coefficient-major, width = input size + 1, the last variable the constant 1).
 * A ReLU's lines are the DeepPoly lines for its source's interval (IBP) bounds, with the lower slope of
 * unstable neurons chosen by {@code slopes(l, u)}.
 */
public final class ForwardForms {
    private ForwardForms() {
    }

    /** Interval bounds ({lower, upper}) and forms ({low, high}) of every node. */
    public record Pass(double[][][] intervals, double[][][] forms, int width) {
        /** Minimum of node j's lower forms and maximum of its upper forms over the box: {lower, upper}. */
        public double[][] concretise(int j, Box box) {
            double[] low = forms[j][0];
            double[] high = forms[j][1];
            int n = low.length / width;
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int r = 0; r < n; r++) {
                lo[r] = low[(width - 1) * n + r];
                hi[r] = high[(width - 1) * n + r];
                for (int t = 0; t < width - 1; t++) {
                    double a = low[t * n + r];
                    double b = high[t * n + r];
                    lo[r] += a >= 0 ? a * box.lower()[t] : a * box.upper()[t];
                    hi[r] += b >= 0 ? b * box.upper()[t] : b * box.lower()[t];
                }
            }
            return new double[][] {lo, hi};
        }
    }

    public static Pass run(Network net, Box box, BinaryOperator<double[]> slopes) {
        int d = net.inputSize();
        int width = d + 1;
        double[] id = new double[width * d];
        for (int i = 0; i < d; i++) {
            id[i * d + i] = 1;
        }
        int n = net.nodes().size();
        double[][][] intervals = new double[n][][];
        double[][][] forms = new double[n][][];
        for (int j = 0; j < n; j++) {
            Node node = net.node(j);
            int[] from = node.from();
            double[][] lo = new double[from.length][];
            double[][] hi = new double[from.length][];
            double[][] low = new double[from.length][];
            double[][] high = new double[from.length][];
            for (int k = 0; k < from.length; k++) {
                boolean input = from[k] == Network.INPUT;
                lo[k] = input ? box.lower() : intervals[from[k]][0];
                hi[k] = input ? box.upper() : intervals[from[k]][1];
                low[k] = input ? id : forms[from[k]][0];
                high[k] = input ? id : forms[from[k]][1];
            }
            ReluLines lines = node instanceof Relu ? ReluLines.deepPoly(lo[0], hi[0], slopes.apply(lo[0], hi[0])) : null;
            intervals[j] = node.interval(lo, hi);
            forms[j] = node.forward(low, high, width, lines);
        }
        return new Pass(intervals, forms, width);
    }

    /** Lower slope 0 (DP-0), 1 (DP-1) or by the area heuristic, as named by {@code rule}. */
    public static BinaryOperator<double[]> slopes(String rule) {
        return (l, u) -> {
            double[] s = new double[l.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = switch (rule) {
                    case "zero" -> 0;
                    case "one" -> 1;
                    case "area" -> u[i] > -l[i] ? 1 : 0;
                    default -> throw new IllegalArgumentException(rule);
                };
            }
            return s;
        };
    }
}
