package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;

/**
 * The solution-space count of THEORY.md §4.2 T4 / §5.4: of the 2^n one-neuron-per-kink orientations of a
 * convex f, which ones show no gap under a relaxation on a set of random sub-boxes. "No gap found on N boxes"
 * is evidence, not a proof of precision.
 *
 * <p>[derived] Under DP-0 the orientation pointing away from the minimiser is the DP-0 form of §5.2 when
 * the minimiser is a domain end or a flat piece (the linear term replaces the end neuron, which is stable on
 * every sub-box); when the minimiser is a kink, the DP-0 form needs two neurons there, so no orientation is
 * DP-0-precise (THEORY.md §5.4: none of the four f3 networks is).
 */
public final class SolutionSpace {
    private SolutionSpace() {
    }

    /** Result: the orientations tried and those on which no gap was found. */
    public record Count(int orientations, List<String> withoutGap, int boxes) {
    }

    /** Counts the orientations of f whose bounds under r equal the exact range on {@code boxes} random sub-boxes. */
    public static Count count(Cpwl f, Relaxation r, int boxes, long seed, double tolerance) {
        List<Encoding> all = Encoders.triangleOrientations(f);
        List<String> ok = new ArrayList<>();
        List<String> signs = UnivariateForms.orientations(f.kinks().length);
        for (int k = 0; k < all.size(); k++) {
            if (noGap(f, all.get(k), r, boxes, seed, tolerance)) {
                ok.add(signs.get(k));
            }
        }
        return new Count(all.size(), ok, boxes);
    }

    private static boolean noGap(Cpwl f, Encoding e, Relaxation r, int boxes, long seed, double tolerance) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < boxes; k++) {
            double[] lu = RandomFunctions.subInterval(f, rnd);
            double[] exact = f.range(lu[0], lu[1]);
            Analysis a = r.analyse(e.network(), new Box(new double[] {lu[0]}, new double[] {lu[1]}));
            double tl = tolerance * Math.max(1, Math.abs(exact[0]));
            double tu = tolerance * Math.max(1, Math.abs(exact[1]));
            if (a.lower()[0] < exact[0] - tl || a.upper()[0] > exact[1] + tu) {
                return false;
            }
        }
        return true;
    }
}
