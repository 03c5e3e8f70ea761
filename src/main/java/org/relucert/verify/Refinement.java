package org.relucert.verify;

import java.util.Arrays;
import org.relucert.bounds.BackSubstitution;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.LinearBounds;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.ReluLines;

/**
 * Refinement of a node's unstable neurons by back-substitution, in batches of rows with a time limit checked
 * between batches: the widest neurons first, and the neurons not reached in time keep their cheap bounds. Every
 * refined bound is intersected with the cheap one, so the result is sound whatever the limit.
 */
final class Refinement {
    /** A time limit meaning "no limit". */
    static final long NO_LIMIT = Long.MIN_VALUE;
    /** Rows back-substituted per batch (between two checks of the time limit). */
    static final int BATCH = 128;

    private Refinement() {
    }

    /** The instant by which a node refines when {@code nodesLeft} nodes (this one included) share what is left until {@code until}. */
    static long share(long until, int nodesLeft) {
        long left = until - System.nanoTime();
        return left <= 0 ? until : System.nanoTime() + left / Math.max(1, nodesLeft);
    }

    /** Back-substitutes the neurons of node j that are unstable under b, until {@code until}, and intersects. */
    static Bounds refineUnstable(Network net, int j, Bounds b, ReluLines[] lines, Box box, Bounds[] bounds, long until) {
        int[] idx = widestFirst(Neurons.unstable(b), b);
        if (idx.length == 0) {
            return b;
        }
        double[] l = b.lower().clone();
        double[] u = b.upper().clone();
        BackSubstitution.Options opts = BackSubstitution.Options.BOTH
                .withMagnitudes(BackSubstitution.magnitudes(bounds, box));
        int batch = until == NO_LIMIT ? idx.length : BATCH;
        for (int start = 0; start < idx.length; start += batch) {
            if (until != NO_LIMIT && System.nanoTime() - until > 0) {
                break;
            }
            int q = Math.min(batch, idx.length - start);
            int[] part = Arrays.copyOfRange(idx, start, start + q);
            LinearBounds lb = BackSubstitution.run(net, j, Neurons.unitRows(part, b.size()), q, lines, opts).bounds();
            Bounds refined = lb.concretise(box.lower(), box.upper());
            for (int r = 0; r < q; r++) {
                int i = part[r];
                l[i] = Math.max(l[i], refined.lower()[r]);
                u[i] = Math.min(u[i], refined.upper()[r]);
            }
        }
        return new Bounds(l, u);
    }

    /** The neuron indices ordered by decreasing width u - l (ties by index). */
    private static int[] widestFirst(int[] idx, Bounds b) {
        return Arrays.stream(idx).boxed()
                .sorted((p, q) -> Double.compare(b.upper()[q] - b.lower()[q], b.upper()[p] - b.lower()[p]))
                .mapToInt(Integer::intValue).toArray();
    }
}
