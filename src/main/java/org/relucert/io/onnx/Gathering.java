package org.relucert.io.onnx;

import java.util.Map;

/**
 * Turns a value whose entries each copy (and possibly scale and shift) one entry of a computed node into a
 * {@link org.relucert.net.Select} node, followed by an elementwise scaling when a coefficient is not 1 or
 * the bias is not zero. Used for large reshuffles (Transpose, Concat of several nodes) that a dense
 * identity-weight node would make too big.
 */
final class Gathering {
    private Gathering() {
    }

    /**
     * The node index holding {@code v}, every term of which is a selection.
     *
     * @throws IllegalArgumentException when an entry reads no source or several (not a plain gather)
     */
    static int gather(Emitter emitter, Value v, String name) {
        int n = v.size();
        int k = v.terms.size();
        int[] from = new int[k];
        int[] sizes = new int[k];
        Block[] blocks = new Block[k];
        int t = 0;
        for (Map.Entry<Integer, Block> e : v.terms.entrySet()) {
            from[t] = e.getKey();
            sizes[t] = e.getValue().cols;
            blocks[t] = e.getValue();
            t++;
        }
        int[] source = new int[n];
        int[] position = new int[n];
        double[] scale = new double[n];
        boolean plain = true;
        for (int i = 0; i < n; i++) {
            int found = -1;
            for (int b = 0; b < k; b++) {
                if (blocks[b].selectedColumn(i) >= 0 && blocks[b].selectedCoefficient(i) != 0) {
                    if (found >= 0) {
                        throw refused(name, n, "entry " + i + " sums entries of two computed nodes");
                    }
                    found = b;
                }
            }
            if (found < 0) {
                throw refused(name, n, "entry " + i + " reads no computed entry");
            }
            source[i] = found;
            position[i] = blocks[found].selectedColumn(i);
            scale[i] = blocks[found].selectedCoefficient(i);
            plain &= scale[i] == 1.0 && v.bias[i] == 0.0;
        }
        int[] shape = v.nodeShape();
        if (plain) {
            return emitter.select(name, from, sizes, source, position, shape);
        }
        int copied = emitter.select(name + "/select", from, sizes, source, position, shape);
        return emitter.scaled(copied, scale, v.bias, v, name);
    }

    private static IllegalArgumentException refused(String name, int size, String why) {
        return new IllegalArgumentException("'" + name + "' (" + size + " entries) is a rearrangement of computed "
                + "values that no following Gemm or MatMul absorbs, and " + why + ": relucert builds a dense node for "
                + "it only below " + Emitter.SMALL + " entries");
    }
}
