package org.relucert.relax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grouping rule of the multi-neuron relaxations: the unstable neurons of one ReLU node, in index
 * order, are cut into consecutive groups of K (the last may be smaller); with overlap, windows of K
 * start every max(1, K/2) neurons (the last window ends at the last neuron), so neighbouring groups
 * share about half their neurons.
 */
public final class Grouping {

    private Grouping() {
    }

    /** Groups of the given unstable neuron indices. */
    public static List<int[]> groups(int[] unstable, int k, boolean overlap) {
        List<int[]> out = new ArrayList<>();
        int n = unstable.length;
        if (n == 0) {
            return out;
        }
        int size = Math.min(k, n);
        if (!overlap || size == n) {
            for (int s = 0; s < n; s += size) {
                out.add(Arrays.copyOfRange(unstable, s, Math.min(n, s + size)));
            }
            return out;
        }
        int stride = Math.max(1, size / 2);
        for (int s = 0; ; s += stride) {
            int start = Math.min(s, n - size);
            out.add(Arrays.copyOfRange(unstable, start, start + size));
            if (start + size >= n) {
                break;
            }
        }
        return out;
    }
}
