package org.relucert.verify;

import java.util.SplittableRandom;
import org.relucert.net.Box;
import org.relucert.spec.Property;

/**
 * Multi-restart L-infinity PGD for high-dimensional inputs: steps of a fraction of each input's width along
 * the sign of the margin's gradient ({@link Falsifier#gradient}, the row attaining the case's margin, so
 * each case of a disjunction is attacked on its own target), projected onto the box, with the step fraction
 * decaying geometrically from {@value #FIRST_STEP} to {@value #LAST_STEP} over a run. Restarts start from
 * the given point, then from random vertices and uniform points of the box, so that the search does not
 * stay in the basin of one start. Where {@link Falsifier#descend} scales the step by the gradient's
 * largest component, and so moves mostly one pixel at a time, this moves every input at once, which is
 * what finds the counterexamples of L-infinity balls on image networks. Every point it returns has been
 * evaluated by the exact forward pass ({@link Falsifier#evaluate}).
 */
final class SignAttack {
    static final double FIRST_STEP = 0.5;
    static final double LAST_STEP = 0.02;

    private final Falsifier falsifier;

    SignAttack(Falsifier falsifier) {
        this.falsifier = falsifier;
    }

    /**
     * {@code restarts} runs of {@code steps} steps each (the first from {@code start} when it is in the box),
     * stopping at the first counterexample or once System.nanoTime() passes {@code stopAt}; the best point.
     */
    Falsifier.Point attack(Property.Case cs, double[] start, int restarts, int steps, long seed, long stopAt) {
        Box box = cs.input();
        SplittableRandom rnd = new SplittableRandom(seed);
        Falsifier.Point best = null;
        for (int r = 0; r < restarts && System.nanoTime() - stopAt < 0; r++) {
            double[] x0 = r == 0 && start != null && box.contains(start, 0) ? start.clone() : randomStart(box, rnd, r);
            Falsifier.Point p = run(cs, x0, steps, stopAt);
            if (best == null || p.margin() < best.margin()) {
                best = p;
            }
            if (best.margin() <= 0) {
                break;
            }
        }
        return best != null ? best : falsifier.evaluate(cs, box.centre());
    }

    /** Odd restarts: a random vertex; even ones: a uniform point. */
    private static double[] randomStart(Box box, SplittableRandom rnd, int r) {
        double[] x = new double[box.dim()];
        for (int i = 0; i < x.length; i++) {
            double l = box.lower()[i];
            double u = box.upper()[i];
            x[i] = r % 2 == 1 ? (rnd.nextBoolean() ? u : l) : l + rnd.nextDouble() * (u - l);
        }
        return x;
    }

    private Falsifier.Point run(Property.Case cs, double[] x0, int steps, long stopAt) {
        Box box = cs.input();
        double[] x = x0;
        Falsifier.Point best = falsifier.evaluate(cs, x);
        double decay = steps > 1 ? Math.pow(LAST_STEP / FIRST_STEP, 1.0 / (steps - 1)) : 1;
        double fraction = FIRST_STEP;
        for (int t = 0; t < steps && best.margin() > 0 && System.nanoTime() - stopAt < 0; t++) {
            double[] g = falsifier.gradient(cs, x);
            double[] next = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double l = box.lower()[i];
                double u = box.upper()[i];
                double step = fraction * (u - l) * Math.signum(g[i]);
                next[i] = Math.min(u, Math.max(l, x[i] - step));
            }
            Falsifier.Point p = falsifier.evaluate(cs, next);
            if (p.margin() < best.margin()) {
                best = p;
            }
            x = next;
            fraction *= decay;
        }
        return best;
    }
}
