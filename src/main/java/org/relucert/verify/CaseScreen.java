package org.relucert.verify;

import java.util.Arrays;
import java.util.List;
import org.relucert.bounds.Bounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * The cases of a property that the root bound already refutes, found before any counterexample search so
 * that the search spends its time on the other cases only: DeepPoly intermediate bounds once per distinct
 * input box ({@link QueryBounder}), then each case's rows bounded with the output constraint folded in. A
 * refuted case has a positive lower bound on its margin, hence no counterexample (the bound is sound), so
 * skipping its search loses nothing. On CIFAR robustness properties (nine cases over one box) the root
 * bound typically refutes most cases, whose sign-PGD runs otherwise took most of the falsification share.
 */
final class CaseScreen {
    private CaseScreen() {
    }

    /**
     * Per case, true when its root bound is positive. Stops at the System.nanoTime() {@code stopAt}: the
     * intermediate bounds' refinement stops there (unrefined neurons keep their cheap bounds), and so does the
     * loop between boxes and cases; the cases not bounded by then count as not refuted (they are searched as
     * before).
     */
    static boolean[] refuted(Network net, Property property, long stopAt) {
        List<Property.Case> cases = property.cases();
        boolean[] out = new boolean[cases.size()];
        QueryBounder bounder = new QueryBounder(net);
        int n = net.nodes().size();
        Box box = null;
        Bounds[] bounds = null;
        for (int k = 0; k < cases.size(); k++) {
            Property.Case cs = cases.get(k);
            if (cs.c().length == 0 || System.nanoTime() > stopAt) {
                continue;
            }
            if (box == null || !Arrays.equals(box.lower(), cs.input().lower())
                    || !Arrays.equals(box.upper(), cs.input().upper())) {
                box = cs.input();
                QueryBounder.Intermediate im = bounder.intermediate(box, ReluSplits.NONE, null, 0, true, stopAt);
                bounds = im == null ? null : im.bounds();
            }
            if (bounds != null && System.nanoTime() <= stopAt) {
                out[k] = bounder.bound(box, ReluSplits.NONE, bounds, n, cs.c(), cs.d(), true).verified();
            }
        }
        return out;
    }
}
