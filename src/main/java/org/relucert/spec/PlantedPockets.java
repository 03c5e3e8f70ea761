package org.relucert.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.relucert.net.Affine;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Relu;

/**
 * Planted counterexamples: a network over the box [-1, 1]^d whose output is at least 1/2 everywhere except
 * inside a small L1 ball, where a ReLU hat function pulls it below 0, and the property "y &lt;= 0 is
 * unsafe". The output is
 * <pre>  y(x) = 1 + eps·v·relu(W x + b) - A·relu(1 - ||x - c||_1 / r),   ||x - c||_1 = sum_i relu(x_i - c_i) + relu(c_i - x_i)</pre>
 * with a random ReLU layer scaled so that its term lies in [-1/2, 1/2] by interval arithmetic. With the
 * pocket (A = 3) y(c) &lt;= -3/2, and y &lt; 0 exactly on an L1 ball of radius at least r/2 around c (volume
 * (r/2)^d 2^d / d! of the box's 2^d): sampling misses it and outside it the hat has zero gradient, so PGD
 * has nothing to follow. The twin (A = 1/4) has the same network structure and weights but a shallow dip,
 * y >= 1/4 everywhere: the property holds.
 */
public final class PlantedPockets {
    /** Depth of the pocket: y(c) = base(c) - 3 &lt;= -3/2. */
    public static final double POCKET_DEPTH = 3;
    /** Depth of the twin's dip: y >= 1/2 - 1/4. */
    public static final double TWIN_DEPTH = 0.25;

    private PlantedPockets() {
    }

    /** A network, its property, the pocket's centre (a counterexample when {@code pocket}) and radius. */
    public record Instance(Network net, Property property, double[] centre, double radius, boolean pocket) {
    }

    /**
     * @param seed   random centre (at least r inside the box), random base layer
     * @param dim    input dimension d
     * @param radius L1 radius r of the hat's support
     * @param hidden width of the random base layer
     * @param pocket true for the planted counterexample, false for its twin without one
     */
    public static Instance generate(long seed, int dim, double radius, int hidden, boolean pocket) {
        if (dim < 1 || !(radius > 0 && radius < 1) || hidden < 1) {
            throw new IllegalArgumentException("need dim >= 1, 0 < radius < 1, hidden >= 1");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[dim];
        for (int i = 0; i < dim; i++) {
            c[i] = (1 - radius) * (2 * rnd.nextDouble() - 1);
        }
        List<Node> nodes = new ArrayList<>();
        // |x_i - c_i| as relu(x_i - c_i) + relu(c_i - x_i)
        double[][] dw = new double[2 * dim][dim];
        double[] db = new double[2 * dim];
        for (int i = 0; i < dim; i++) {
            dw[i][i] = 1;
            db[i] = -c[i];
            dw[dim + i][i] = -1;
            db[dim + i] = c[i];
        }
        nodes.add(Affine.of("offset", new int[] {Network.INPUT}, new int[] {dim}, dw, db));
        nodes.add(new Relu("abs", 0, 2 * dim));
        double[][] hw = new double[1][2 * dim];
        java.util.Arrays.fill(hw[0], -1 / radius);
        nodes.add(Affine.of("hat_in", new int[] {1}, new int[] {2 * dim}, hw, new double[] {1}));
        nodes.add(new Relu("hat", 2, 1));
        // the random base layer, its term scaled into [-1/2, 1/2] by interval arithmetic on the box
        double[][] bw = new double[hidden][dim];
        double[] bb = new double[hidden];
        double[] v = new double[hidden];
        double spread = 0;
        for (int h = 0; h < hidden; h++) {
            double upper = 0;
            for (int i = 0; i < dim; i++) {
                bw[h][i] = rnd.nextGaussian() / Math.sqrt(dim);
                upper += Math.abs(bw[h][i]);
            }
            bb[h] = 0.3 * rnd.nextGaussian();
            upper += Math.max(0, bb[h]);
            v[h] = rnd.nextGaussian();
            spread += Math.abs(v[h]) * Math.max(0, upper);
        }
        double eps = spread == 0 ? 0 : 0.5 / spread;
        nodes.add(Affine.of("base_in", new int[] {Network.INPUT}, new int[] {dim}, bw, bb));
        nodes.add(new Relu("base", 4, hidden));
        double[][] yw = new double[1][hidden + 1];
        for (int h = 0; h < hidden; h++) {
            yw[0][h] = eps * v[h];
        }
        yw[0][hidden] = -(pocket ? POCKET_DEPTH : TWIN_DEPTH);
        nodes.add(Affine.of("y", new int[] {5, 3}, new int[] {hidden, 1}, yw, new double[] {1}));
        Network net = new Network(dim, nodes, nodes.size() - 1);
        Box box = Box.cube(dim, -1, 1);
        Property property = new Property(dim, 1, List.of(new Property.Case(box, new double[][] {{1}},
                new double[] {0})));
        return new Instance(net, property, c, radius, pocket);
    }
}
