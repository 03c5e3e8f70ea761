package org.relucert.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Seeded random convolutional / residual networks with boxes, and the comparisons the conv tests share. */
public final class ConvCases {
    private ConvCases() {
    }

    /** One case: a network, its dense lowering and a box. */
    public record Case(long seed, Network net, Network dense, Box box) {
        @Override
        public String toString() {
            return "seed " + seed + " " + net + " " + net.nodes();
        }
    }

    /**
     * Case {@code seed}: {@link RandomNetworks#smallConvolutional}, except every seventh seed, which has
     * more channels and a larger input (1-D or 2-D); the box is random in [-s, s] with s in [0.5, 3.5], and
     * every fifth box is flat in its first dimension.
     */
    public static Case of(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 104729 + 3);
        Network net;
        if (seed % 7 == 0) {
            int[] shape = rnd.nextBoolean() ? new int[] {2, 1, 16} : new int[] {2, 7, 7};
            net = RandomNetworks.convolutional(seed, shape, 2 + rnd.nextInt(3), 6, 0.5, 3);
        } else {
            net = RandomNetworks.smallConvolutional(seed);
        }
        Box box = RandomNetworks.box(seed + 4242, net.inputSize(), 0.5 + 3 * rnd.nextDouble());
        if (seed % 5 == 0) {
            double[] hi = box.upper().clone();
            hi[0] = box.lower()[0];
            box = new Box(box.lower(), hi);
        }
        return new Case(seed, net, DenseLowering.lower(net), box);
    }

    /** {@code count} uniform points of the box followed by {@code count / 4} random corners. */
    public static List<double[]> points(Box box, int count, long seed) {
        List<double[]> pts = new ArrayList<>(Sampler.points(box, count, seed, 0));
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        for (int k = 0; k < count / 4; k++) {
            double[] x = new double[box.dim()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextBoolean() ? box.lower()[i] : box.upper()[i];
            }
            pts.add(x);
        }
        return pts;
    }

    /**
     * Fails unless {@code |expected[i] - actual[i]| <= tol * max(1, |expected[i]|)} for all i (and the
     * lengths agree); the message names what was compared and the first differing entry.
     */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertClose(expected, actual, tol, () -> what);
    }

    /** {@link #assertClose(double[], double[], double, String)} with the message made only on failure. */
    public static void assertClose(double[] expected, double[] actual, double tol, Supplier<String> what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what.get() + ": " + actual.length + " entries, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(e - a) <= tol * Math.max(1, Math.abs(e))) && e != a) {
                throw new AssertionError(what.get() + "[" + i + "] = " + a + ", expected " + e + " (difference "
                        + (a - e) + ")");
            }
        }
    }

    /** True when the network has a node of the given class. */
    public static boolean has(Network net, Class<? extends Node> kind) {
        return net.nodes().stream().anyMatch(kind::isInstance);
    }
}
