package org.relucert.io.vnnlib;

import java.util.Map;
import java.util.TreeMap;

/**
 * A linear expression over the declared variables: sum of coefficient * variable plus a constant.
 * Variables are keyed by kind and index: inputs as X_i, outputs as Y_j.
 */
record Linear(Map<Var, Double> coefficients, double constant) {

    /** A declared variable: input (X) or output (Y) with its index. */
    record Var(boolean input, int index) implements Comparable<Var> {
        @Override
        public int compareTo(Var o) {
            return input != o.input ? (input ? -1 : 1) : Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return (input ? "X_" : "Y_") + index;
        }
    }

    Linear {
        coefficients = Map.copyOf(coefficients);
    }

    static Linear constant(double c) {
        return new Linear(Map.of(), c);
    }

    static Linear variable(Var v) {
        return new Linear(Map.of(v, 1.0), 0.0);
    }

    Linear plus(Linear o, double factor) {
        TreeMap<Var, Double> c = new TreeMap<>(coefficients);
        o.coefficients.forEach((v, a) -> c.merge(v, factor * a, Double::sum));
        c.values().removeIf(a -> a == 0.0);
        return new Linear(c, constant + factor * o.constant);
    }

    Linear times(double factor) {
        return constant(0).plus(this, factor);
    }

    boolean isConstant() {
        return coefficients.isEmpty();
    }

    boolean hasInputs() {
        return coefficients.keySet().stream().anyMatch(Var::input);
    }

    boolean hasOutputs() {
        return coefficients.keySet().stream().anyMatch(v -> !v.input());
    }
}
