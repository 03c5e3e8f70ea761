package org.relucert.verify;

import java.util.SplittableRandom;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Sampler;

/** Seeded random networks, boxes and output constraints C·y <= d for the soundness tests. */
final class RandomQueries {
    final Network net;
    final Box box;
    final double[][] c;
    final double[] d;

    RandomQueries(long seed, int inputs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        net = RandomNetworks.dag(seed, inputs, 2 + rnd.nextInt(3), 12, 0.3, 3);
        box = RandomNetworks.box(seed + 1, inputs, 1.0);
        int rows = 1 + rnd.nextInt(3);
        c = new double[rows][3];
        d = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 3; j++) {
                c[r][j] = rnd.nextDouble(-1, 1);
            }
            d[r] = rnd.nextDouble(-0.5, 0.5);
        }
    }

    /** c_r·y - d_r at the output y. */
    double row(int r, double[] y) {
        double s = -d[r];
        for (int j = 0; j < y.length; j++) {
            s += c[r][j] * y[j];
        }
        return s;
    }

    /** The smallest value of row r over sampled points of the box (corners for small dimensions). */
    double sampledMin(int r, int points, long seed) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : Sampler.points(box, points, seed, 6)) {
            min = Math.min(min, row(r, net.evaluate(x)));
        }
        return min;
    }
}
