package org.relucert.io.onnx;

import java.util.Arrays;

/** Shape arithmetic for ONNX tensors: numpy-style broadcasting and row-major index maps. */
final class Shapes {
    private Shapes() {
    }

    /** The broadcast shape of a and b (numpy rules). @throws IllegalArgumentException when incompatible */
    static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * The row-major entries of {@code data} (shape {@code from}) broadcast to shape {@code to}
     * (unidirectional numpy broadcasting: {@code from} has at most the rank of {@code to} and each of its
     * dimensions, aligned from the right, is 1 or equal to that of {@code to}).
     *
     * @throws IllegalArgumentException when {@code from} does not broadcast to {@code to} or {@code data} does
     *     not hold {@code from}'s entries (e.g. a Gemm bias C of shape [3] for an output of shape [2, 5])
     */
    static double[] broadcastTo(double[] data, long[] from, long[] to) {
        checkBroadcastsTo(from, to);
        if (data.length != Tensors.count(from)) {
            throw new IllegalArgumentException("a constant of shape " + str(from) + " holds " + data.length
                    + " values");
        }
        int n = (int) Tensors.count(to);
        double[] out = new double[n];
        int[] index = broadcastIndex(from, to);
        for (int i = 0; i < n; i++) {
            out[i] = data[index[i]];
        }
        return out;
    }

    /** @throws IllegalArgumentException unless shape {@code from} broadcasts to shape {@code to} (one way) */
    static void checkBroadcastsTo(long[] from, long[] to) {
        boolean ok = from.length <= to.length;
        for (int i = 0; ok && i < from.length; i++) {
            long f = from[i];
            long t = to[i + to.length - from.length];
            ok = f == 1 || f == t;
        }
        if (!ok) {
            throw new IllegalArgumentException("shape " + str(from) + " does not broadcast to " + str(to));
        }
    }

    /** For every row-major position of shape {@code to}, the position in shape {@code from} it reads. */
    static int[] broadcastIndex(long[] from, long[] to) {
        checkBroadcastsTo(from, to);
        int n = (int) Tensors.count(to);
        int rank = to.length;
        int offset = rank - from.length;
        long[] strides = new long[rank];
        long s = 1;
        for (int i = from.length - 1; i >= 0; i--) {
            strides[i + offset] = from[i] == 1 ? 0 : s;
            s *= from[i];
        }
        int[] index = new int[n];
        long[] pos = new long[rank];
        for (int i = 0; i < n; i++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += pos[d] * strides[d];
            }
            index[i] = (int) src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < to[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return index;
    }

    /** Product of dims[from, to). */
    static long product(long[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }

    static String str(long[] shape) {
        return Arrays.toString(shape);
    }
}
