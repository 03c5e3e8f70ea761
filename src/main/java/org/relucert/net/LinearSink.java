package org.relucert.net;

/**
 * Where a node's LP rule ({@link Node#encode}) writes its constraints. The rule names variables by the
 * indices it is handed; the sink owns the variables, their boxes and the solver behind them, so this
 * package knows nothing about LPs.
 *
 * <p>Exact linear nodes define each output entry by one sparse row; a ReLU hands each entry to
 * {@link #relu}, and the sink decides its encoding (stable, triangle, big-M with a binary, a fixed
 * phase, ...) from what it knows about the pre-activation.
 */
public interface LinearSink {

    /**
     * Output variable {@code y} equals {@code constant + sum_k coefs[k] * x[vars[k]]}. The row is sparse
     * (zero coefficients may be left out) and may name a variable twice (the coefficients then add up).
     */
    void define(int y, int[] vars, double[] coefs, double constant);

    /**
     * Entry {@code entry} of the node being encoded, variable {@code y}, equals max(0, {@code z}), where
     * {@code z} is the variable of entry {@code entry} of node {@code source} ({@link Network#INPUT} for
     * the input): the sink encodes it exactly or relaxes it, from its own bounds of that entry.
     */
    void relu(int source, int entry, int z, int y);
}
