package org.relucert.exact;

import org.relucert.bounds.Bounds;
import org.relucert.lp.LinearProgram;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.relax.LpLimits;
import org.relucert.relax.NodeEncoding;

/**
 * The MILP sink of the one network encoding ({@link NodeEncoding}): the nodes' own rules, with every ReLU
 * entry unstable under the given intermediate bounds [l, u] encoded by big-M with a binary d:
 * y >= 0, y >= z, y <= z - l(1 - d), y <= u d. Stable entries are y = 0 or y = z. Entries of other nodes
 * are boxed by their bounds, widened by 1e-6 relative, to help SCIP's propagation.
 */
final class MilpEncoding extends NodeEncoding {

    private final LinearProgram milp;
    private final Box box;
    private final Bounds[] pre;

    /**
     * @param pre sound bounds of every node (the tightest known: the triangle LP's)
     * @throws org.relucert.relax.NetworkTooLargeException when the network exceeds {@code limits}
     */
    MilpEncoding(Network net, Box box, Bounds[] pre, LinearProgram milp, LpLimits limits) {
        super(net, limits, "MILP");
        this.milp = milp;
        this.box = box;
        this.pre = pre;
        addInput();
    }

    @Override
    protected int newVariable(int node, int entry) {
        if (node == Network.INPUT) {
            return milp.addVariable(box.lower()[entry], box.upper()[entry], false);
        }
        double lo = pre[node] == null ? Double.NEGATIVE_INFINITY : pre[node].lower()[entry];
        double hi = pre[node] == null ? Double.POSITIVE_INFINITY : pre[node].upper()[entry];
        double slack = 1e-6 * (1 + Math.max(Math.abs(lo), Math.abs(hi)));
        return milp.addVariable(lo - slack, hi + slack, false);
    }

    @Override
    protected void addRow(int[] vars, double[] coefs, double lb, double ub) {
        milp.addConstraint(vars, coefs, lb, ub);
    }

    @Override
    public void relu(int source, int entry, int z, int y) {
        Bounds b = source == Network.INPUT ? new Bounds(box.lower(), box.upper()) : pre[source];
        double l = b.lower()[entry];
        double u = b.upper()[entry];
        if (u <= 0) {
            milp.setBounds(y, 0, 0);
            return;
        }
        milp.setBounds(y, 0, Math.max(0, u));
        if (l >= 0) {
            milp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, 0);
            return;
        }
        int d = milp.addVariable(0, 1, true);
        milp.addConstraint(new int[] {y, z}, new double[] {1, -1}, 0, Double.POSITIVE_INFINITY);
        // y <= z - l (1 - d)  <=>  y - z - l d <= -l
        milp.addConstraint(new int[] {y, z, d}, new double[] {1, -1, -l}, Double.NEGATIVE_INFINITY, -l);
        // y <= u d
        milp.addConstraint(new int[] {y, d}, new double[] {1, -u}, Double.NEGATIVE_INFINITY, 0);
    }
}
