package org.relucert.relax;

import java.util.Arrays;
import org.relucert.net.LinearSink;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * The one network-to-LP encoding: a variable per entry of the input and of every node, and each node's
 * own LP rule ({@link Node#encode}) for its constraints. Subclasses are the sinks: they choose the boxes
 * of the variables, where the rows go (the LP of the relaxations, the MILP of {@code exact}) and how a
 * ReLU entry is encoded ({@link LinearSink#relu}). A linear row {@code y = c + a.x} becomes the equality
 * {@code y - a.x = c}.
 *
 * <p>Nodes are added one at a time in topological order with {@link #addNode}. The constructor refuses
 * networks beyond the {@link LpLimits} before any work is done.
 */
public abstract class NodeEncoding implements LinearSink {

    private final Network net;
    private final int[] inputVars;
    private final int[][] vars;

    /**
     * @param method named in the refusal, e.g. "LP" or "MILP"
     * @throws NetworkTooLargeException when the network exceeds the limits
     */
    protected NodeEncoding(Network net, LpLimits limits, String method) {
        limits.check(net, method);
        this.net = net;
        this.inputVars = new int[net.inputSize()];
        this.vars = new int[net.nodes().size()][];
    }

    /** Creates the input variables; a subclass calls this once, when {@link #newVariable} can run. */
    protected final void addInput() {
        for (int i = 0; i < inputVars.length; i++) {
            inputVars[i] = newVariable(Network.INPUT, i);
        }
    }

    /** Creates the variable of entry {@code entry} of node {@code node} ({@link Network#INPUT}: the input). */
    protected abstract int newVariable(int node, int entry);

    /** Adds {@code lb <= coefs . x[vars] <= ub}. */
    protected abstract void addRow(int[] vars, double[] coefs, double lb, double ub);

    /** Called before node j's variables are created. */
    protected void beginNode(int j) {
    }

    /** Called after node j's rule has written its constraints. */
    protected void endNode(int j) {
    }

    /** The network. */
    public final Network network() {
        return net;
    }

    /** Variable indices of node j's entries ({@link Network#INPUT} for the input); null before it is added. */
    public final int[] varsOf(int j) {
        return j == Network.INPUT ? inputVars : vars[j];
    }

    /** Adds node j: its variables, then the constraints of its rule. Its sources must have been added. */
    public final void addNode(int j) {
        Node node = net.node(j);
        int[] from = node.from();
        int[][] sources = new int[from.length][];
        for (int k = 0; k < from.length; k++) {
            sources[k] = varsOf(from[k]);
        }
        beginNode(j);
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = newVariable(j, i);
        }
        vars[j] = out;
        node.encode(sources, out, this);
        endNode(j);
    }

    @Override
    public final void define(int y, int[] vars, double[] coefs, double constant) {
        int n = vars.length;
        int[] rv = Arrays.copyOf(vars, n + 1);
        double[] rc = new double[n + 1];
        for (int c = 0; c < n; c++) {
            rc[c] = -coefs[c];
        }
        rv[n] = y;
        rc[n] = 1.0;
        addRow(rv, rc, constant, constant);
    }

    /** Variables of the concatenated nodes {@code from}, in order (the column order of their consumer). */
    public final int[] concatSources(int[] from) {
        int width = 0;
        for (int f : from) {
            width += net.sizeOf(f);
        }
        int[] cols = new int[width];
        int at = 0;
        for (int f : from) {
            int[] v = varsOf(f);
            System.arraycopy(v, 0, cols, at, v.length);
            at += v.length;
        }
        return cols;
    }
}
