package org.relucert.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * The breakpoints of a univariate network h on an interval [a, b], found by exact piecewise-linear
 * propagation through the DAG: ReLU nodes are visited in topological order and every zero crossing of
 * their pre-activations (affine between the breakpoints found so far) becomes a new breakpoint. Between
 * two consecutive {@link #points()} every node, and so h, is affine; the exact range of h on any
 * sub-interval is therefore attained at its ends or at a breakpoint inside it.
 *
 * <p>Values at the points come from direct evaluation of the network, not from interpolation.
 */
public final class Breakpoints {
    private final Network net;
    private final int output;
    private final double[] points;
    private final double[] values;

    private Breakpoints(Network net, int output, double[] points, double[] values) {
        this.net = net;
        this.output = output;
        this.points = points;
        this.values = values;
    }

    /**
     * Propagates h = output {@code output} of {@code net} over [a, b].
     *
     * @throws IllegalArgumentException when the network has more than one input or a > b
     */
    public static Breakpoints of(Network net, int output, double a, double b) {
        if (net.inputSize() != 1) {
            throw new IllegalArgumentException("breakpoints need a network with one input, this one has "
                    + net.inputSize());
        }
        if (!(a <= b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("bad interval [" + a + ", " + b + "]");
        }
        if (output < 0 || output >= net.outputSize()) {
            throw new IllegalArgumentException("output " + output + " out of range (network has "
                    + net.outputSize() + " outputs)");
        }
        TreeMap<Double, double[][]> cache = new TreeMap<>();
        cache.put(a, net.evaluateAll(new double[] {a}));
        cache.put(b, net.evaluateAll(new double[] {b}));
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r != null) {
                insertCrossings(net, r.source(), cache);
            }
        }
        double[] xs = new double[cache.size()];
        double[] ys = new double[cache.size()];
        int k = 0;
        for (var e : cache.entrySet()) {
            xs[k] = e.getKey();
            ys[k] = e.getValue()[net.output()][output];
            k++;
        }
        return new Breakpoints(net, output, xs, ys);
    }

    /** Adds the zero crossings of every entry of node {@code source} between consecutive cached points. */
    private static void insertCrossings(Network net, int source, TreeMap<Double, double[][]> cache) {
        List<Double> found = new ArrayList<>();
        Double prevX = null;
        double[] prevV = null;
        for (var e : cache.entrySet()) {
            double x = e.getKey();
            double[] v = source == Network.INPUT ? new double[] {x} : e.getValue()[source];
            if (prevX != null) {
                for (int i = 0; i < v.length; i++) {
                    double p = prevV[i];
                    double q = v[i];
                    if ((p < 0 && q > 0) || (p > 0 && q < 0)) {
                        double t = prevX + (x - prevX) * (p / (p - q));
                        if (t > prevX && t < x) {
                            found.add(t);
                        }
                    }
                }
            }
            prevX = x;
            prevV = v;
        }
        for (double t : found) {
            cache.computeIfAbsent(t, key -> net.evaluateAll(new double[] {key}));
        }
    }

    /** All breakpoints, sorted, including the interval ends: h is affine between consecutive ones. */
    public double[] points() {
        return points.clone();
    }

    /** h at each of {@link #points()}. */
    public double[] values() {
        return values.clone();
    }

    /** Left end of the interval. */
    public double start() {
        return points[0];
    }

    /** Right end of the interval. */
    public double end() {
        return points[points.length - 1];
    }

    /**
     * The interior points where the slope of h changes by more than {@code relTol} relative to the
     * larger adjacent slope (and 1): h's own kinks, a subset of {@link #points()} (neuron kinks that cancel
     * in h are left out).
     */
    public double[] kinks(double relTol) {
        List<Double> out = new ArrayList<>();
        for (int k = 1; k + 1 < points.length; k++) {
            double left = slope(k - 1);
            double right = slope(k);
            double scale = Math.max(1.0, Math.max(Math.abs(left), Math.abs(right)));
            if (Math.abs(right - left) > relTol * scale) {
                out.add(points[k]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double slope(int k) {
        return (values[k + 1] - values[k]) / (points[k + 1] - points[k]);
    }

    /**
     * The exact range of h on [lo, hi], a sub-interval of [{@link #start()}, {@link #end()}]: min and max over
     * the ends and the breakpoints inside, with the points where they are attained.
     */
    public Range range(double lo, double hi) {
        if (!(lo <= hi) || lo < start() || hi > end()) {
            throw new IllegalArgumentException("[" + lo + ", " + hi + "] is not inside [" + start() + ", " + end() + "]");
        }
        double ylo = valueAt(lo);
        double yhi = valueAt(hi);
        double min = ylo;
        double max = ylo;
        double argMin = lo;
        double argMax = lo;
        if (yhi < min) {
            min = yhi;
            argMin = hi;
        }
        if (yhi > max) {
            max = yhi;
            argMax = hi;
        }
        int from = firstAbove(lo);
        for (int k = from; k < points.length && points[k] < hi; k++) {
            double y = values[k];
            if (y < min) {
                min = y;
                argMin = points[k];
            }
            if (y > max) {
                max = y;
                argMax = points[k];
            }
        }
        return new Range(min, max, new double[] {argMin}, new double[] {argMax}, "breakpoints", List.of());
    }

    /** h at x, by direct evaluation (or the stored value when x is a breakpoint). */
    public double valueAt(double x) {
        int k = Arrays.binarySearch(points, x);
        if (k >= 0) {
            return values[k];
        }
        return net.evaluate(new double[] {x})[output];
    }

    /** Index of the first point strictly greater than x. */
    private int firstAbove(double x) {
        int k = Arrays.binarySearch(points, x);
        return k >= 0 ? k + 1 : -k - 1;
    }
}
