package org.relucert.precision;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.relucert.bounds.Deadline;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The boxes a precision search checks before local refinement, generated deterministically from a seed.
 * Univariate: every pair of breakpoint-aligned and grid endpoints. Multivariate: random boxes at many
 * scales, tiny boxes centred on neuron kinks (THEORY.md §6.1), and boxes with faces snapped to kinks.
 */
final class CandidateBoxes {
    /** Strategy names, as reported in the search effort. */
    static final String GRID = "breakpoint/grid pairs";
    static final String RANDOM = "random multi-scale";
    static final String KINK = "centred on a kink";
    static final String SNAPPED = "snapped to a kink";
    static final String WHOLE = "whole domain";
    static final String LOCAL = "local search";

    /** A box and the strategy that produced it. */
    record Candidate(Box box, String strategy) {
    }

    private CandidateBoxes() {
    }

    /**
     * All pairs a < b from the breakpoints in [A, B] plus a uniform grid, about {@code count} boxes in total
     * (more when the breakpoints alone exceed that).
     */
    static List<Candidate> univariate(double[] breakpoints, double a, double b, int count) {
        int g = Math.max(2, (int) Math.floor((1 + Math.sqrt(1 + 8.0 * count)) / 2));
        TreeSet<Double> ends = new TreeSet<>();
        for (double x : thin(breakpoints, g)) {
            ends.add(x);
        }
        int uniform = Math.max(0, g - ends.size());
        for (int k = 0; k <= uniform + 1; k++) {
            ends.add(a + (b - a) * k / (uniform + 1));
        }
        double[] xs = ends.stream().mapToDouble(Double::doubleValue).toArray();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            for (int j = i + 1; j < xs.length; j++) {
                out.add(new Candidate(new Box(new double[] {xs[i]}, new double[] {xs[j]}), GRID));
            }
        }
        return out;
    }

    /** At most {@code max} of the points, evenly spread, keeping the first and last. */
    private static double[] thin(double[] xs, int max) {
        if (xs.length <= max) {
            return xs;
        }
        double[] out = new double[max];
        for (int k = 0; k < max; k++) {
            out[k] = xs[(int) Math.round((double) k * (xs.length - 1) / (max - 1))];
        }
        return out;
    }

    /** Random, kink-centred and kink-snapped boxes inside {@code over}: {@code count} in total. */
    static List<Candidate> multivariate(Network net, Box over, int count, long seed) {
        return multivariate(net, over, count, seed, Deadline.NONE);
    }

    /**
     * As {@link #multivariate(Network, Box, int, long)}, but no more boxes are made once {@code deadline} has
     * passed (finding kinks costs many network evaluations on a large network): the list made so far, which
     * always starts with the whole domain, is returned.
     */
    static List<Candidate> multivariate(Network net, Box over, int count, long seed, Deadline deadline) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Neurons neurons = new Neurons(net);
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(over, WHOLE));
        int kink = neurons.count() == 0 ? 0 : count * 2 / 5;
        int snapped = neurons.count() == 0 ? 0 : count / 5;
        int random = Math.max(0, count - 1 - kink - snapped);
        for (int k = 0; k < random; k++) {
            out.add(new Candidate(randomBox(over, rnd), RANDOM));
        }
        for (int k = 0; k < kink && !deadline.expired(); k++) {
            Box b = kinkBox(neurons, over, rnd);
            out.add(b == null ? new Candidate(randomBox(over, rnd), RANDOM) : new Candidate(b, KINK));
        }
        for (int k = 0; k < snapped && !deadline.expired(); k++) {
            out.add(new Candidate(snap(neurons, randomBox(over, rnd), over, rnd), SNAPPED));
        }
        return out;
    }

    /** A random box with a random centre and widths at a log-uniform scale between 1e-3 and 1 of the domain. */
    static Box randomBox(Box over, SplittableRandom rnd) {
        double scale = Math.pow(10, -3 * rnd.nextDouble());
        int d = over.dim();
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int i = 0; i < d; i++) {
            double w = over.upper()[i] - over.lower()[i];
            double half = 0.5 * scale * w * (0.2 + 0.8 * rnd.nextDouble());
            double c = over.lower()[i] + w * rnd.nextDouble();
            lo[i] = Math.max(over.lower()[i], c - half);
            hi[i] = Math.min(over.upper()[i], c + half);
        }
        return new Box(lo, hi);
    }

    private static double[] randomPoint(Box over, SplittableRandom rnd) {
        double[] x = new double[over.dim()];
        for (int i = 0; i < x.length; i++) {
            x[i] = over.lower()[i] + (over.upper()[i] - over.lower()[i]) * rnd.nextDouble();
        }
        return x;
    }

    /**
     * A small box centred (before clipping to the domain) on a point where a random neuron's pre-activation is
     * zero, or null when no sign change of that neuron was found on a few random segments.
     */
    private static Box kinkBox(Neurons neurons, Box over, SplittableRandom rnd) {
        int k = rnd.nextInt(neurons.count());
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] p = randomPoint(over, rnd);
            double[] q = randomPoint(over, rnd);
            double vp = neurons.preActivation(k, p);
            double vq = neurons.preActivation(k, q);
            if ((vp < 0 && vq > 0) || (vp > 0 && vq < 0)) {
                double[] c = neurons.crossing(k, p, q);
                double scale = Math.pow(10, -4 + 3.5 * rnd.nextDouble());
                int d = over.dim();
                double[] lo = new double[d];
                double[] hi = new double[d];
                for (int i = 0; i < d; i++) {
                    double half = 0.5 * scale * (over.upper()[i] - over.lower()[i]);
                    lo[i] = Math.max(over.lower()[i], c[i] - half);
                    hi[i] = Math.min(over.upper()[i], c[i] + half);
                }
                return new Box(lo, hi);
            }
        }
        return null;
    }

    /**
     * The box with one face, in a random dimension, moved to the nearest neuron kink on the axis line through
     * the box centre (when there is one that keeps the box non-empty).
     */
    private static Box snap(Neurons neurons, Box box, Box over, SplittableRandom rnd) {
        int d = box.dim();
        int i = rnd.nextInt(d);
        boolean moveLower = rnd.nextBoolean();
        double[] centre = box.centre();
        int samples = 32;
        double[][] pts = new double[samples + 1][];
        double[][] pre = new double[samples + 1][];
        for (int s = 0; s <= samples; s++) {
            pts[s] = centre.clone();
            pts[s][i] = over.lower()[i] + (over.upper()[i] - over.lower()[i]) * s / samples;
            pre[s] = neurons.preActivations(pts[s]);
        }
        double current = moveLower ? box.lower()[i] : box.upper()[i];
        double best = Double.NaN;
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < neurons.count(); k++) {
                double a = pre[s][k];
                double b = pre[s + 1][k];
                if (((a < 0 && b > 0) || (a > 0 && b < 0)) && !(nearest(pts[s][i], pts[s + 1][i], current)
                        >= Math.abs(best - current))) {
                    // (a crossing on a segment no nearer than the best so far cannot replace it: not bisected)
                    double t = neurons.crossing(k, pts[s], pts[s + 1])[i];
                    boolean keepsOrder = moveLower ? t <= box.upper()[i] : t >= box.lower()[i];
                    if (keepsOrder && (Double.isNaN(best) || Math.abs(t - current) < Math.abs(best - current))) {
                        best = t;
                    }
                }
            }
        }
        if (Double.isNaN(best)) {
            return box;
        }
        double[] lo = box.lower().clone();
        double[] hi = box.upper().clone();
        if (moveLower) {
            lo[i] = best;
        } else {
            hi[i] = best;
        }
        return new Box(lo, hi);
    }

    /** The distance from {@code x} to the nearest point between {@code a} and {@code b}. */
    private static double nearest(double a, double b, double x) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        return x < lo ? lo - x : x > hi ? x - hi : 0;
    }
}
