package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ONNX Concat: the parts stacked, then reordered along the axis (selections stay selections when large). */
final class ConcatOps {
    private ConcatOps() {
    }

    static Value concat(Operators op) {
        List<Value> parts = new ArrayList<>();
        boolean computed = false;
        for (int k = 0; k < op.node.getInputCount(); k++) {
            Value p = op.input(k);
            parts.add(p);
            computed |= !p.isConstant();
        }
        if (!op.attrs.has("axis")) {
            throw new IllegalArgumentException("Concat needs the attribute axis");
        }
        int rank = parts.get(0).shape.length;
        long axis = op.attrs.i("axis", 0);
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException("axis " + op.attrs.i("axis", 0) + " out of range for rank " + rank);
        }
        int ax = (int) axis;
        long[] out = parts.get(0).shape.clone();
        out[ax] = 0;
        for (Value p : parts) {
            if (p.shape.length != rank) {
                throw new IllegalArgumentException("inputs have different ranks");
            }
            for (int d = 0; d < rank; d++) {
                if (d != ax && p.shape[d] != out[d]) {
                    throw new IllegalArgumentException("input shapes " + Shapes.str(parts.get(0).shape) + " and "
                            + Shapes.str(p.shape) + " differ outside axis " + ax);
                }
            }
            out[ax] += p.shape[ax];
        }
        long total = Tensors.count(out);
        boolean selections = parts.stream().allMatch(Value::allSelections);
        if (computed && total >= Emitter.SMALL && !selections) {
            throw new IllegalArgumentException("Concat of computed tensors into " + total + " entries is not "
                    + "supported when a part is a dense product (relucert concatenates those with an "
                    + "identity-weight affine node, only below " + Emitter.SMALL + " entries)");
        }
        Value stacked = selections && total >= Emitter.SMALL ? stackSelections(parts) : stack(parts);
        return stacked.selected(out, concatIndex(parts, out, ax));
    }

    /** Position in the stacked entries (all of part 0, then part 1, ...) of each output entry. */
    private static int[] concatIndex(List<Value> parts, long[] out, int ax) {
        long outer = Shapes.product(out, 0, ax);
        long inner = Shapes.product(out, ax + 1, out.length);
        int[] index = new int[(int) Tensors.count(out)];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            int partStart = 0;
            for (Value p : parts) {
                long len = p.shape[ax] * inner;
                for (long e = 0; e < len; e++) {
                    index[pos++] = (int) (partStart + o * len + e);
                }
                partStart += p.size();
            }
        }
        return index;
    }

    /** All entries of the parts one after the other, as one value. */
    private static Value stack(List<Value> parts) {
        int total = 0;
        Map<Integer, Integer> colsOf = new LinkedHashMap<>();
        for (Value p : parts) {
            total += p.size();
            p.terms.forEach((k, b) -> colsOf.put(k, b.cols));
        }
        double[] bias = new double[total];
        int row = 0;
        for (Value p : parts) {
            System.arraycopy(p.bias, 0, bias, row, p.size());
            row += p.size();
        }
        Map<Integer, Block> terms = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : colsOf.entrySet()) {
            int cols = e.getValue();
            double[] w = new double[total * cols];
            int r = 0;
            for (Value p : parts) {
                Block b = p.terms.get(e.getKey());
                if (b != null) {
                    System.arraycopy(b.toDense(), 0, w, r * cols, p.size() * cols);
                }
                r += p.size();
            }
            terms.put(e.getKey(), Block.dense(total, cols, w));
        }
        return new Value(new long[] {total}, terms, bias);
    }

    /** As {@link #stack}, for parts whose terms are all selections: the stacked terms stay selections. */
    private static Value stackSelections(List<Value> parts) {
        int total = 0;
        Map<Integer, Integer> colsOf = new LinkedHashMap<>();
        for (Value p : parts) {
            total += p.size();
            p.terms.forEach((k, b) -> colsOf.put(k, b.cols));
        }
        double[] bias = new double[total];
        Map<Integer, Block> terms = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : colsOf.entrySet()) {
            int[] col = new int[total];
            double[] coef = new double[total];
            int r = 0;
            for (Value p : parts) {
                Block b = p.terms.get(e.getKey());
                for (int i = 0; i < p.size(); i++, r++) {
                    col[r] = b == null ? -1 : b.selectedColumn(i);
                    coef[r] = b == null ? 0 : b.selectedCoefficient(i);
                }
            }
            terms.put(e.getKey(), Block.selection(e.getValue(), col, coef));
        }
        int row = 0;
        for (Value p : parts) {
            System.arraycopy(p.bias, 0, bias, row, p.size());
            row += p.size();
        }
        return new Value(new long[] {total}, terms, bias);
    }
}
