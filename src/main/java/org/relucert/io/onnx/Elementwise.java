package org.relucert.io.onnx;

/**
 * Add, Sub, Mul and Div with numpy broadcasting, kept linear: at most one operand of Mul and Div
 * depends on the input (Div only as the dividend), and an input-dependent operand is never broadcast
 * to a larger size.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Value apply(String op, Value a, Value b) {
        if (!a.isConstant() && !b.isConstant() && (op.equals("Add") || op.equals("Sub"))) {
            checkComputedPair(op, a, b);
        }
        long[] out = Shapes.broadcast(a.shape, b.shape);
        if (a.isConstant() && b.isConstant()) {
            return constants(op, a, b, out);
        }
        int outSize = (int) Tensors.count(out);
        for (Value v : new Value[] {a, b}) {
            if (!v.isConstant() && v.size() != outSize) {
                throw new IllegalArgumentException("an input-dependent tensor of shape " + Shapes.str(v.shape)
                        + " would be broadcast to " + Shapes.str(out) + ", which is not supported");
            }
        }
        if (!a.isConstant() && !b.isConstant()) {
            return switch (op) {
                case "Add" -> a.plus(out, b);
                case "Sub" -> a.plus(out, b.scaled(filled(outSize, -1.0)));
                default -> throw new IllegalArgumentException(op + " of two input-dependent tensors is not linear");
            };
        }
        boolean varFirst = !a.isConstant();
        Value v = varFirst ? a : b;
        Value k = varFirst ? b : a;
        double[] c = Shapes.broadcastTo(k.bias, k.shape, out);
        return switch (op) {
            case "Add" -> v.plusConstant(out, c);
            case "Sub" -> varFirst ? v.plusConstant(out, negated(c))
                    : v.scaled(filled(outSize, -1.0)).plusConstant(out, c);
            case "Mul" -> v.scaled(c).reshaped(out);
            case "Div" -> {
                if (!varFirst) {
                    throw new IllegalArgumentException("division by an input-dependent tensor is not linear");
                }
                yield v.scaled(reciprocals(c)).reshaped(out);
            }
            default -> throw new IllegalStateException(op);
        };
    }

    /** Two input-dependent operands must have one size and shapes that broadcast to it (no real broadcasting). */
    static void checkComputedPair(String op, Value a, Value b) {
        boolean ok = a.size() == b.size();
        if (ok) {
            try {
                ok = Tensors.count(Shapes.broadcast(a.shape, b.shape)) == a.size();
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException(op + " of two computed tensors of shapes " + Shapes.str(a.shape)
                    + " and " + Shapes.str(b.shape) + " would broadcast one of them, which is not supported "
                    + "(a residual connection needs equal shapes)");
        }
    }

    private static Value constants(String op, Value a, Value b, long[] out) {
        double[] x = Shapes.broadcastTo(a.bias, a.shape, out);
        double[] y = Shapes.broadcastTo(b.bias, b.shape, out);
        double[] z = new double[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = switch (op) {
                case "Add" -> x[i] + y[i];
                case "Sub" -> x[i] - y[i];
                case "Mul" -> x[i] * y[i];
                case "Div" -> x[i] / y[i];
                default -> throw new IllegalStateException(op);
            };
        }
        return Value.constant(out, z);
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static double[] negated(double[] c) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = -c[i];
        }
        return out;
    }

    private static double[] reciprocals(double[] c) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            if (c[i] == 0 || !Double.isFinite(c[i])) {
                throw new IllegalArgumentException("division by " + c[i]);
            }
            out[i] = 1.0 / c[i];
        }
        return out;
    }
}
