package org.relucert.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Points of a box for sampling: all corners (up to a limit) and uniform random points. */
public final class Sampler {
    private Sampler() {
    }

    /** The sampled range of every output: {min, max} over the points, with the arg-min/arg-max points. */
    public record Range(double[] min, double[] max, double[][] argMin, double[][] argMax, int points) {
    }

    /**
     * The box's corners (all of them when d &lt;= maxCornerDim, else none) followed by {@code randomPoints}
     * uniform points, from a fixed seed.
     */
    public static List<double[]> points(Box box, int randomPoints, long seed, int maxCornerDim) {
        int d = box.dim();
        List<double[]> out = new ArrayList<>();
        if (d <= maxCornerDim) {
            for (int mask = 0; mask < (1 << d); mask++) {
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = ((mask >> i) & 1) == 0 ? box.lower()[i] : box.upper()[i];
                }
                out.add(x);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < randomPoints; k++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = box.lower()[i] + rnd.nextDouble() * (box.upper()[i] - box.lower()[i]);
            }
            out.add(x);
        }
        return out;
    }

    /** The range of the outputs over the corners (d &lt;= 12) and {@code randomPoints} random points. */
    public static Range range(Network net, Box box, int randomPoints, long seed) {
        int m = net.outputSize();
        double[] min = new double[m];
        double[] max = new double[m];
        double[][] argMin = new double[m][];
        double[][] argMax = new double[m][];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        List<double[]> pts = points(box, randomPoints, seed, 12);
        for (double[] x : pts) {
            double[] y = net.evaluate(x);
            for (int i = 0; i < m; i++) {
                if (y[i] < min[i]) {
                    min[i] = y[i];
                    argMin[i] = x;
                }
                if (y[i] > max[i]) {
                    max[i] = y[i];
                    argMax[i] = x;
                }
            }
        }
        return new Range(min, max, argMin, argMax, pts.size());
    }

    /**
     * {@link #range} followed, for every output, by a compass search (coordinate steps shrinking to
     * 1e-13 of the box width) from the best sampled minimiser and maximiser. The result is still an
     * attained range (every value comes from a point of the box), just closer to the true one.
     */
    public static Range refinedRange(Network net, Box box, int randomPoints, long seed) {
        Range r = range(net, box, randomPoints, seed);
        int m = r.min().length;
        double[] min = r.min().clone();
        double[] max = r.max().clone();
        double[][] argMin = r.argMin().clone();
        double[][] argMax = r.argMax().clone();
        for (int i = 0; i < m; i++) {
            argMin[i] = compassSearch(net, box, i, argMin[i], -1);
            min[i] = Math.min(min[i], net.evaluate(argMin[i])[i]);
            argMax[i] = compassSearch(net, box, i, argMax[i], 1);
            max[i] = Math.max(max[i], net.evaluate(argMax[i])[i]);
        }
        return new Range(min, max, argMin, argMax, r.points());
    }

    /** Moves x coordinate-wise while sign * output_i improves; returns the best point found. */
    private static double[] compassSearch(Network net, Box box, int output, double[] start, double sign) {
        double[] x = start.clone();
        double best = sign * net.evaluate(x)[output];
        for (double step = 0.25; step > 1e-13; step *= 0.5) {
            boolean improved = true;
            for (int round = 0; improved && round < 100; round++) {
                improved = false;
                for (int i = 0; i < x.length; i++) {
                    double width = box.upper()[i] - box.lower()[i];
                    for (int dir = -1; dir <= 1 && width > 0; dir += 2) {
                        double old = x[i];
                        x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], old + dir * step * width));
                        double v = sign * net.evaluate(x)[output];
                        if (v > best) {
                            best = v;
                            improved = true;
                        } else {
                            x[i] = old;
                        }
                    }
                }
            }
        }
        return x;
    }
}
