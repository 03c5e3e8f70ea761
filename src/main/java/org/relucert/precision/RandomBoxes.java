package org.relucert.precision;

import java.util.SplittableRandom;
import org.relucert.bounds.Relaxation;
import org.relucert.exact.Breakpoints;
import org.relucert.exact.ExactRange;
import org.relucert.exact.PatternEnumeration;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The share of random sub-boxes of X on which a domain is exact, as in THEORY.md §10.2. Each box takes, per
 * dimension, two uniform points of X sorted into [lower, upper]. The share depends on this choice of
 * distribution; it is a description of a sample, not a property of the domain.
 */
public final class RandomBoxes {
    private RandomBoxes() {
    }

    /** Number of sampled boxes and how many were exact within the tolerance. */
    public record Sample(int boxes, int exact, double largestGap, Box largestGapBox) {
        /** exact / boxes. */
        public double fraction() {
            return (double) exact / boxes;
        }
    }

    /** Samples {@code n} boxes of {@code over} from {@code seed} and checks output {@code output}. */
    public static Sample exactFraction(Network net, Relaxation domain, Box over, int n, long seed, int output,
                                       Tolerance tolerance) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Breakpoints bp = net.inputSize() == 1 ? Breakpoints.of(net, output, over.lower()[0], over.upper()[0]) : null;
        int exact = 0;
        double largest = -1;
        Box largestBox = null;
        for (int k = 0; k < n; k++) {
            Box box = draw(over, rnd);
            Range r = bp != null ? bp.range(box.lower()[0], box.upper()[0])
                    : ExactRange.of(net, box, output, PatternEnumeration.DEFAULT_MAX_UNSTABLE);
            BoxGap g = Gaps.withExact(net, box, domain, output, tolerance, r);
            if (g.exactWithinTolerance()) {
                exact++;
            }
            if (g.gap() > largest) {
                largest = g.gap();
                largestBox = box;
            }
        }
        return new Sample(n, exact, largest, largestBox);
    }

    private static Box draw(Box over, SplittableRandom rnd) {
        int d = over.dim();
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int i = 0; i < d; i++) {
            double w = over.upper()[i] - over.lower()[i];
            double p = over.lower()[i] + w * rnd.nextDouble();
            double q = over.lower()[i] + w * rnd.nextDouble();
            lo[i] = Math.min(p, q);
            hi[i] = Math.max(p, q);
        }
        return new Box(lo, hi);
    }
}
