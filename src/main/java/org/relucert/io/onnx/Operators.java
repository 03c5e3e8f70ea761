package org.relucert.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;

/**
 * The meaning of each supported ONNX operator as an operation on {@link Value}s. Problems are thrown as
 * IllegalArgumentException; {@link GraphLowering} adds the file and node to the message.
 */
final class Operators {
    /** Largest linear map (entries) built for a MatMul or Gemm on a multi-row value. */
    private static final long MAX_MAP = 50_000_000L;

    private final GraphLowering graph;
    private final NodeProto node;
    private final Map<String, AttributeProto> attrs;

    Operators(GraphLowering graph, NodeProto node) {
        this.graph = graph;
        this.node = node;
        this.attrs = GraphLowering.attributes(node);
    }

    Value apply() {
        String domain = node.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new IllegalArgumentException("operator domain '" + domain + "' is not supported");
        }
        if (node.getOutputCount() < 1) {
            throw new IllegalArgumentException("node has no output");
        }
        String op = node.getOpType();
        return switch (op) {
            case "Gemm" -> gemm();
            case "MatMul" -> matMul(input(0), input(1));
            case "Add", "Sub", "Mul", "Div" -> Elementwise.apply(op, input(0), input(1));
            case "Relu" -> graph.relu(input(0), node.getInput(0), node.getOutput(0));
            case "Flatten" -> flatten(input(0));
            case "Reshape" -> reshape(input(0), input(1));
            case "Identity" -> input(0);
            case "Constant" -> constantNode();
            case "Concat" -> concat();
            default -> throw new IllegalArgumentException("unsupported operator '" + op + "' (supported: Gemm, "
                    + "MatMul, Add, Sub, Mul, Div, Relu, Flatten, Reshape, Concat, Constant, Identity)");
        };
    }

    private Value input(int k) {
        if (node.getInputCount() <= k || node.getInput(k).isEmpty()) {
            throw new IllegalArgumentException("missing input " + (k + 1));
        }
        return graph.value(node.getInput(k));
    }

    private long intAttr(String name, long fallback) {
        AttributeProto a = attrs.get(name);
        return a == null ? fallback : a.getI();
    }

    private double floatAttr(String name, double fallback) {
        AttributeProto a = attrs.get(name);
        return a == null ? fallback : a.getF();
    }

    private Value gemm() {
        Value a = input(0);
        Value b = input(1);
        for (Value v : new Value[] {a, b}) {
            if (v.shape.length != 2) {
                throw new IllegalArgumentException("Gemm operands must be 2-D, got shape " + Shapes.str(v.shape));
            }
        }
        if (intAttr("transA", 0) != 0) {
            a = transpose(a);
        }
        if (intAttr("transB", 0) != 0) {
            b = transpose(b);
        }
        Value y = matMul(a, b);
        double alpha = floatAttr("alpha", 1.0);
        if (alpha != 1.0) {
            double[] s = new double[y.size()];
            java.util.Arrays.fill(s, alpha);
            y = y.scaled(s);
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            Value c = input(2);
            if (!c.isConstant()) {
                throw new IllegalArgumentException("Gemm bias C must be constant");
            }
            double beta = floatAttr("beta", 1.0);
            double[] bias = Shapes.broadcastTo(c.bias, c.shape, y.shape);
            if (beta != 1.0) {
                for (int i = 0; i < bias.length; i++) {
                    bias[i] *= beta;
                }
            }
            y = y.plusConstant(y.shape, bias);
        }
        return y;
    }

    private static Value transpose(Value v) {
        int rows = (int) v.shape[0];
        int cols = (int) v.shape[1];
        int[] index = new int[rows * cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                index[c * rows + r] = r * cols + c;
            }
        }
        return v.selected(new long[] {cols, rows}, index);
    }

    /** Matrix product where at least one side is constant (numpy matmul semantics for 1-D/2-D). */
    static Value matMul(Value a, Value b) {
        if (!a.isConstant() && !b.isConstant()) {
            throw new IllegalArgumentException("product of two input-dependent tensors is not linear");
        }
        if (b.isConstant()) {
            return timesConstant(a, b);
        }
        return constantTimes(a, b);
    }

    /** a (shape [..., R, n] or [n]) times constant b ([n, m] or [n]). */
    private static Value timesConstant(Value a, Value b) {
        if (a.shape.length == 0 || b.shape.length == 0 || b.shape.length > 2) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " are not supported (right operand must be 1-D or 2-D)");
        }
        int n = (int) a.shape[a.shape.length - 1];
        int m = b.shape.length == 2 ? (int) b.shape[1] : 1;
        if (b.shape[0] != n) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " do not match");
        }
        int rows = a.size() / n;
        checkMapSize((long) rows * m * rows * n);
        double[] l = new double[rows * m * rows * n];
        int width = rows * n;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    l[(r * m + j) * width + r * n + i] = b.bias[i * m + j];
                }
            }
        }
        long[] shape = a.shape.clone();
        if (b.shape.length == 2) {
            shape[shape.length - 1] = m;
        } else {
            shape = java.util.Arrays.copyOf(shape, shape.length - 1);
        }
        return a.leftMultiplied(shape, l, rows * m);
    }

    /** Constant a ([m, n]) times b ([n] or [n, k]). */
    private static Value constantTimes(Value a, Value b) {
        if (a.shape.length != 2 || b.shape.length == 0 || b.shape.length > 2) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " are not supported (constant left operand must be 2-D, right operand 1-D or 2-D)");
        }
        int m = (int) a.shape[0];
        int n = (int) a.shape[1];
        int k = b.shape.length == 2 ? (int) b.shape[1] : 1;
        if (b.shape[0] != n) {
            throw new IllegalArgumentException("MatMul shapes " + Shapes.str(a.shape) + " x " + Shapes.str(b.shape)
                    + " do not match");
        }
        checkMapSize((long) m * k * n * k);
        double[] l = new double[m * k * n * k];
        int width = n * k;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    l[(r * k + j) * width + i * k + j] = a.bias[r * n + i];
                }
            }
        }
        long[] shape = b.shape.length == 2 ? new long[] {m, k} : new long[] {m};
        return b.leftMultiplied(shape, l, m * k);
    }

    private static void checkMapSize(long entries) {
        if (entries > MAX_MAP) {
            throw new IllegalArgumentException("matrix product on a batch of rows is too large ("
                    + entries + " coefficients)");
        }
    }

    private Value flatten(Value v) {
        int rank = v.shape.length;
        long axis = intAttr("axis", 1);
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis > rank) {
            throw new IllegalArgumentException("axis " + intAttr("axis", 1) + " out of range for shape "
                    + Shapes.str(v.shape));
        }
        int a = (int) axis;
        return v.reshaped(new long[] {Shapes.product(v.shape, 0, a), Shapes.product(v.shape, a, rank)});
    }

    private Value reshape(Value v, Value shapeValue) {
        if (!shapeValue.isConstant() || shapeValue.shape.length != 1) {
            throw new IllegalArgumentException("the target shape must be a constant 1-D tensor");
        }
        boolean allowZero = intAttr("allowzero", 0) != 0;
        long[] target = new long[shapeValue.size()];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long d = (long) shapeValue.bias[i];
            if (d == 0 && !allowZero) {
                if (i >= v.shape.length) {
                    throw new IllegalArgumentException("target dimension " + (i + 1) + " copies a missing dimension");
                }
                d = v.shape[i];
            }
            if (d == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("target shape has more than one -1");
                }
                infer = i;
            } else if (d < 0) {
                throw new IllegalArgumentException("target dimension " + d + " is invalid");
            } else {
                known *= d;
            }
            target[i] = d;
        }
        if (infer >= 0) {
            if (known == 0 || v.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Shapes.str(v.shape) + " to "
                        + Shapes.str(target));
            }
            target[infer] = v.size() / known;
        }
        if (Tensors.count(target) != v.size()) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.str(v.shape) + " ("
                    + v.size() + " entries) to " + Shapes.str(target));
        }
        return v.reshaped(target);
    }

    private Value constantNode() {
        AttributeProto a;
        if ((a = attrs.get("value")) != null) {
            return graph.constant(a.getT(), "node output '" + node.getOutput(0) + "'");
        }
        if ((a = attrs.get("value_float")) != null) {
            return Value.constant(new long[0], new double[] {a.getF()});
        }
        if ((a = attrs.get("value_int")) != null) {
            return Value.constant(new long[0], new double[] {a.getI()});
        }
        if ((a = attrs.get("value_floats")) != null) {
            double[] v = new double[a.getFloatsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getFloats(i);
            }
            return Value.constant(new long[] {v.length}, v);
        }
        if ((a = attrs.get("value_ints")) != null) {
            double[] v = new double[a.getIntsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getInts(i);
            }
            return Value.constant(new long[] {v.length}, v);
        }
        throw new IllegalArgumentException("Constant needs one of the attributes value, value_float, "
                + "value_floats, value_int, value_ints (others are not supported)");
    }

    private Value concat() {
        List<Value> parts = new ArrayList<>();
        for (int k = 0; k < node.getInputCount(); k++) {
            parts.add(input(k));
        }
        if (!attrs.containsKey("axis")) {
            throw new IllegalArgumentException("Concat needs the attribute axis");
        }
        int rank = parts.get(0).shape.length;
        long axis = intAttr("axis", 0);
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException("axis " + intAttr("axis", 0) + " out of range for rank " + rank);
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
        return stack(parts).selected(out, concatIndex(parts, out, ax));
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
}
