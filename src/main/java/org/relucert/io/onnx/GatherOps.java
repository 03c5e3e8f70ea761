package org.relucert.io.onnx;

/** ONNX Gather with constant indices: a selection of entries along one axis (what the writer emits for Select). */
final class GatherOps {
    private GatherOps() {
    }

    static Value gather(Operators op) {
        Value data = op.input(0);
        Value ind = op.constantInput(1, "indices");
        int rank = data.shape.length;
        long axis = op.attrs.i("axis", 0);
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException("axis " + op.attrs.i("axis", 0) + " out of range for rank " + rank);
        }
        int ax = (int) axis;
        long dim = data.shape[ax];
        double[] idx = ind.bias;
        long[] out = new long[rank - 1 + ind.shape.length];
        for (int d = 0; d < ax; d++) {
            out[d] = data.shape[d];
        }
        System.arraycopy(ind.shape, 0, out, ax, ind.shape.length);
        for (int d = ax + 1; d < rank; d++) {
            out[d - 1 + ind.shape.length] = data.shape[d];
        }
        long outer = Shapes.product(data.shape, 0, ax);
        long inner = Shapes.product(data.shape, ax + 1, rank);
        int[] index = new int[Math.toIntExact(outer * idx.length * inner)];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            for (double raw : idx) {
                long t = (long) raw;
                if (t != raw || t < -dim || t >= dim) {
                    throw new IllegalArgumentException("index " + raw + " out of range for axis " + ax + " of size "
                            + dim);
                }
                if (t < 0) {
                    t += dim;
                }
                for (long e = 0; e < inner; e++) {
                    index[pos++] = (int) ((o * dim + t) * inner + e);
                }
            }
        }
        return data.selected(out, index);
    }
}
