package org.relucert.relax;

import org.relucert.net.LinearSink;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * A linear node's entries as sparse affine functions of its concatenated sources, read from the node's
 * own LP rule ({@link Node#encode}) instead of from its kind: column c is position c of the concatenation
 * of {@link Node#from()}.
 */
final class LinearRows {

    /** Entry = constant + sum_k coefs[k] * source[cols[k]] (a column may repeat; zero coefficients may be absent). */
    record Row(int[] cols, double[] coefs, double constant) {
    }

    private LinearRows() {
    }

    /** The rows of node j, one per entry, or null when its rule is not linear (it relaxes an entry). */
    static Row[] of(Network net, int j) {
        Node node = net.node(j);
        int[] from = node.from();
        int[][] sources = new int[from.length][];
        int width = 0;
        for (int k = 0; k < from.length; k++) {
            int n = net.sizeOf(from[k]);
            sources[k] = new int[n];
            for (int c = 0; c < n; c++) {
                sources[k][c] = width + c;
            }
            width += n;
        }
        int offset = width;
        int[] outputs = new int[node.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = offset + i;
        }
        Row[] rows = new Row[node.size()];
        boolean[] linear = {true};
        node.encode(sources, outputs, new LinearSink() {
            @Override
            public void define(int y, int[] vars, double[] coefs, double constant) {
                rows[y - offset] = new Row(vars.clone(), coefs.clone(), constant);
            }

            @Override
            public void relu(int source, int entry, int z, int y) {
                linear[0] = false;
            }
        });
        return linear[0] ? rows : null;
    }
}
