package org.relucert.verify;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.relucert.bounds.BackSubstitution;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;
import org.relucert.net.ReluLines;
import org.relucert.net.Sampler;
import org.relucert.spec.Property;

/**
 * Searches a case's input box for a point whose output satisfies the unsafe conjunction: random
 * sampling (box corners included on low-dimensional inputs), then projected gradient descent on the case's
 * margin max_i (c_i·y - d_i) using the exact gradient of the network at the point (forward pass for the
 * activation pattern, backward pass over the DAG), then a coordinate-descent polish. Every point it returns has been re-checked with {@link Network#evaluate}.
 */
public final class Falsifier {
    /** Input dimension up to which PGD results are polished by coordinate descent. */
    public static final int POLISH_MAX_DIM = 32;
    /** Forward-pass equivalents counted for one gradient (a forward pass for the pattern, one backward walk). */
    static final int GRADIENT_PASSES = 2;

    private final Network net;
    /** Forward-pass equivalents spent so far by every search on this falsifier (all threads). */
    private final LongAdder passes = new LongAdder();

    public Falsifier(Network net) {
        this.net = net;
    }

    /** A point in the box and its output; margin &lt;= 0 means the point is a counterexample. */
    public record Point(double[] x, double[] y, double margin) {
    }

    /**
     * Samples {@code samples} uniform points (plus the centre), then runs {@code restarts} PGD descents of
     * {@code steps} steps (each polished by coordinate descent on low-dimensional inputs) from the best
     * points found; returns the best point (a counterexample when its
     * margin is &lt;= 0).
     */
    public Point search(Property.Case cs, int samples, int restarts, int steps, long seed) {
        return search(cs, samples, restarts, steps, seed, Verifier.deadlineAfter(Double.POSITIVE_INFINITY));
    }

    /**
     * As {@link #search(Property.Case, int, int, int, long)}, stopping with the best point so far once
     * System.nanoTime() passes {@code stopAt} (on a large network a single descent takes seconds).
     */
    public Point search(Property.Case cs, int samples, int restarts, int steps, long seed, long stopAt) {
        int polish = cs.input().dim() <= POLISH_MAX_DIM ? 40 * steps : 0;
        return search(cs, new FalsifyPlan(samples, restarts, steps, polish, 0), seed, stopAt);
    }

    /**
     * Sampling, PGD and polish with the counts of {@code plan} (its region rounds are {@link RegionSearch}'s),
     * stopping with the best point so far once System.nanoTime() passes {@code stopAt}.
     */
    Point search(Property.Case cs, FalsifyPlan plan, long seed, long stopAt) {
        int samples = plan.samples();
        int restarts = plan.restarts();
        int steps = plan.steps();
        Box box = cs.input();
        SplittableRandom rnd = new SplittableRandom(seed);
        Point[] top = new Point[Math.max(1, restarts)];
        consider(top, evaluate(cs, box.centre()));
        for (double[] x : Sampler.points(box, samples, rnd.nextLong(), 10)) {
            if (System.nanoTime() - stopAt > 0) {
                return top[0];
            }
            Point p = evaluate(cs, x);
            if (p.margin <= 0) {
                return p;
            }
            consider(top, p);
        }
        Point best = top[0];
        for (Point start : top) {
            if (start == null) {
                continue;
            }
            if (System.nanoTime() - stopAt > 0) {
                break;
            }
            Point p = descend(cs, start.x, steps, stopAt);
            if (plan.polishEvaluations() > 0) {
                p = polish(cs, p, plan.polishEvaluations());
            }
            if (p.margin < best.margin) {
                best = p;
            }
            if (best.margin <= 0) {
                return best;
            }
        }
        return best;
    }

    /**
     * PGD from x: steps along the width-scaled gradient (largest component one step fraction of its
     * width), halving-like shrinking after a step that does not improve, projected onto the box.
     */
    public Point descend(Property.Case cs, double[] start, int steps) {
        return descend(cs, start, steps, Verifier.deadlineAfter(Double.POSITIVE_INFINITY));
    }

    /** As {@link #descend(Property.Case, double[], int)}, stopping once System.nanoTime() passes stopAt. */
    public Point descend(Property.Case cs, double[] start, int steps, long stopAt) {
        Box box = cs.input();
        double[] x = start.clone();
        Point best = evaluate(cs, x);
        double stepFraction = 0.25;
        for (int t = 0; t < steps && best.margin > 0 && System.nanoTime() - stopAt < 0; t++) {
            double[] g = gradient(cs, x);
            double norm = 0;
            for (int i = 0; i < x.length; i++) {
                norm = Math.max(norm, Math.abs(g[i]) * (box.upper()[i] - box.lower()[i]));
            }
            if (norm == 0) {
                break;
            }
            for (int i = 0; i < x.length; i++) {
                double w = box.upper()[i] - box.lower()[i];
                x[i] -= stepFraction * w * (g[i] * w / norm);
                x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], x[i]));
            }
            Point p = evaluate(cs, x);
            if (p.margin < best.margin) {
                best = p;
            } else {
                stepFraction *= 0.6;
                x = best.x.clone();
            }
        }
        return best;
    }

    /**
     * Coordinate-descent polish from a point: tries +-step along each input in turn (step a fraction of
     * the width, halved when no coordinate improves), keeping a move when the margin decreases; at most
     * {@code evaluations} forward passes. Works where the margin's kinks stall gradient steps.
     */
    public Point polish(Property.Case cs, Point start, int evaluations) {
        Box box = cs.input();
        Point best = start;
        double fraction = 0.05;
        int used = 0;
        while (used < evaluations && best.margin > 0 && fraction > 1e-9) {
            boolean improved = false;
            for (int i = 0; i < box.dim() && used < evaluations; i++) {
                double w = box.upper()[i] - box.lower()[i];
                for (int sign = -1; sign <= 1 && used < evaluations; sign += 2) {
                    double[] x = best.x.clone();
                    x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], x[i] + sign * fraction * w));
                    if (x[i] == best.x[i]) {
                        continue;
                    }
                    Point p = evaluate(cs, x);
                    used++;
                    if (p.margin < best.margin) {
                        best = p;
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved) {
                fraction *= 0.5;
            }
        }
        return best;
    }

    /**
     * Exact output and margin at x (x must lie in the case's box); a point whose double margin is &lt;= 0 keeps
     * it only if it passes {@link CounterexampleCheck} (float32 re-check), else its margin is positive.
     */
    public Point evaluate(Property.Case cs, double[] x) {
        passes.increment();
        double[] y = net.evaluate(x);
        double margin = cs.c().length == 0 ? Double.NEGATIVE_INFINITY : cs.margin(y);
        return new Point(x.clone(), y, CounterexampleCheck.acceptedMargin(net, cs, x, y, margin));
    }

    /** Gradient with respect to x of the row of C·y - d that attains the margin at x. */
    double[] gradient(Property.Case cs, double[] x) {
        passes.add(GRADIENT_PASSES);
        double[][] values = net.evaluateAll(x);
        double[] y = values[net.output()];
        int rows = cs.c().length;
        if (rows == 0) {
            return new double[x.length];
        }
        int m = y.length;
        double[] query = new double[m];
        double worst = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            double s = -cs.d()[r];
            for (int j = 0; j < m; j++) {
                s += cs.c()[r][j] * y[j];
            }
            if (s > worst) {
                Arrays.fill(query, 0);
                worst = s;
                for (int j = 0; j < m; j++) {
                    query[j] += cs.c()[r][j];
                }
            }
        }
        // the exact lines of the activation pattern at x: back-substitution then gives the gradient
        ReluLines[] pattern = new ReluLines[net.nodes().size()];
        for (int j = 0; j < pattern.length; j++) {
            Relu r = net.relu(j);
            if (r != null) {
                double[] z = r.source() == Network.INPUT ? x : values[r.source()];
                double[] slope = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    slope[i] = z[i] > 0 ? 1.0 : 0.0;
                }
                double[] zero = new double[z.length];
                pattern[j] = new ReluLines(slope, zero, slope, zero);
            }
        }
        return BackSubstitution.run(net, net.output(), query, 1, pattern).lowerRow(0);
    }

    /** Forward-pass equivalents spent so far by the searches on this falsifier. */
    long passes() {
        return passes.sum();
    }

    /** Counts work done for a search outside this class (e.g. a region LP's forms), in forward-pass equivalents. */
    void spend(long forwardPasses) {
        passes.add(forwardPasses);
    }

    private static void consider(Point[] top, Point p) {
        for (int k = 0; k < top.length; k++) {
            if (top[k] == null || p.margin < top[k].margin) {
                System.arraycopy(top, k, top, k + 1, top.length - k - 1);
                top[k] = p;
                return;
            }
        }
    }
}
