package org.relucert.verify;

import java.util.Arrays;

/**
 * Phase constraints of a ReLU-splitting subproblem: for some neurons of some ReLU nodes, the sign of the
 * pre-activation is fixed (+1: z >= 0, active; -1: z &lt;= 0, inactive). Immutable.
 */
public final class ReluSplits {
    /** No constraint at all. */
    public static final ReluSplits NONE = new ReluSplits(new int[0][]);

    private final int[][] phase;

    private ReluSplits(int[][] phase) {
        this.phase = phase;
    }

    /** Phase of neuron i of ReLU node j: +1, -1 or 0 (free). */
    public int phase(int node, int neuron) {
        return node < phase.length && phase[node] != null ? phase[node][neuron] : 0;
    }

    /** True when no neuron of node j is constrained. */
    public boolean none(int node) {
        return node >= phase.length || phase[node] == null;
    }

    /** Number of constrained neurons. */
    public int count() {
        int n = 0;
        for (int[] p : phase) {
            if (p != null) {
                for (int v : p) {
                    n += v != 0 ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** A copy that also fixes neuron i of ReLU node j (of the given size) to the given phase. */
    public ReluSplits with(int node, int size, int neuron, int sign) {
        int[][] next = Arrays.copyOf(phase, Math.max(phase.length, node + 1));
        next[node] = next[node] == null ? new int[size] : next[node].clone();
        next[node][neuron] = sign;
        return new ReluSplits(next);
    }
}
