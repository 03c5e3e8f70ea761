package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;

/** Shared assertions of the construction tests. */
final class Checks {
    static final double TOL = 1e-9;
    /** LP-based domains pad their optima for soundness and carry solver tolerances (issue [2/5]: 1e-7). */
    static final double LP_TOL = 1e-7;

    static boolean lpBased(Relaxation r) {
        return !(r.name().equals("ibp") || r.name().startsWith("deeppoly"));
    }

    private Checks() {
    }

    static double tol(double v) {
        return TOL * Math.max(1.0, Math.abs(v));
    }

    /** The network equals f at every point of f (and its breakpoints) and at 1,000 random points of the interval. */
    static void encodes(Network net, Cpwl f, long seed) {
        for (double x : f.xs()) {
            double y = f.at(x);
            assertEquals(y, net.evaluate(new double[] {x})[0], tol(y), "at breakpoint " + x + " of " + f);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < 1000; k++) {
            double x = f.start() + rnd.nextDouble() * (f.end() - f.start());
            double y = f.at(x);
            assertEquals(y, net.evaluate(new double[] {x})[0], tol(y), "at " + x + " of " + f);
        }
    }

    /** The relaxation's bounds equal the exact range of f on 200 random sub-boxes of its interval. */
    static void exactOnRandomBoxes(Relaxation r, Network net, Cpwl f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < 200; k++) {
            double[] lu = RandomFunctions.subInterval(f, rnd);
            double[] exact = f.range(lu[0], lu[1]);
            Analysis a = r.analyse(net, new Box(new double[] {lu[0]}, new double[] {lu[1]}));
            String where = r.name() + " on [" + lu[0] + ", " + lu[1] + "] for " + f;
            double t = lpBased(r) ? LP_TOL : TOL;
            assertEquals(exact[0], a.lower()[0], t * Math.max(1.0, Math.abs(exact[0])), "lower bound, " + where);
            assertEquals(exact[1], a.upper()[0], t * Math.max(1.0, Math.abs(exact[1])), "upper bound, " + where);
        }
    }

    /** True when some of 200 random sub-boxes gets bounds differing from the exact range (a witness exists). */
    static boolean imprecisionFound(Relaxation r, Network net, Cpwl f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < 200; k++) {
            double[] lu = RandomFunctions.subInterval(f, rnd);
            double[] exact = f.range(lu[0], lu[1]);
            Analysis a = r.analyse(net, new Box(new double[] {lu[0]}, new double[] {lu[1]}));
            assertTrue(a.lower()[0] <= exact[0] + tol(exact[0]) && a.upper()[0] >= exact[1] - tol(exact[1]),
                    "unsound bounds from " + r.name());
            if (a.lower()[0] < exact[0] - 1e-6 || a.upper()[0] > exact[1] + 1e-6) {
                return true;
            }
        }
        return false;
    }

    /** The registered relaxation (argument 1 if it takes one), or null when no such domain is registered (yet). */
    static Relaxation domainOrNull(String name) {
        return domainOrNull(name, "1");
    }

    /** The registered relaxation with the given argument, or null when no such domain is registered (yet). */
    static Relaxation domainOrNull(String name, String argument) {
        for (Domains.Entry e : Domains.all()) {
            if (e.name().equals(name)) {
                return Domains.parse(e.argument() == null ? name : name + ":" + argument);
            }
        }
        return null;
    }
}
