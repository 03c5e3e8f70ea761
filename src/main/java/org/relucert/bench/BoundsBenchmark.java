package org.relucert.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.WorkCounter;

/**
 * Speed of the bound computations on random fully connected networks of the ACAS Xu and MNIST shapes,
 * against a plain dense matrix multiply (EJML) measured in the same run.
 */
public final class BoundsBenchmark {

    /** A network shape and the half-width of the boxes drawn for it. */
    public record Shape(String name, int inputs, int[] hidden, int outputs, double radius) {
        /** The seeded random network of this shape. */
        public Network network(long seed) {
            return RandomNetworks.fullyConnected(seed, inputs, hidden, outputs);
        }

        /** A box of half-width {@link #radius} around a random point of [0, 1]^inputs. */
        public Box box(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] lo = new double[inputs];
            double[] hi = new double[inputs];
            for (int i = 0; i < inputs; i++) {
                double c = rnd.nextDouble();
                lo[i] = c - radius;
                hi[i] = c + radius;
            }
            return new Box(lo, hi);
        }
    }

    /** 5 inputs, six hidden layers of 50, 5 outputs. */
    public static final Shape ACAS_XU = new Shape("ACAS Xu 5-50x6-5", 5, layers(6, 50), 5, 0.05);
    /** 784 inputs, six hidden layers of 256, 10 outputs. */
    public static final Shape MNIST = new Shape("MNIST 784-256x6-10", 784, layers(6, 256), 10, 0.01);

    /** Median and minimum time of one relaxation on one shape, its work and unstable-neuron count. */
    public record Timing(String shape, String domain, double medianMs, double minMs, long multiplyAdds,
                         int unstable, int neurons) {
        /** Achieved GFLOP/s (2 flops per multiply-add) at the median time; 0 when no products ran. */
        public double gflops() {
            return multiplyAdds == 0 ? 0 : 2.0 * multiplyAdds / (medianMs * 1e6);
        }
    }

    /** Median time of a dense product m x k times k x n. */
    public record MatMul(String kernel, int m, int k, int n, double medianMs, double minMs) {
        /** GFLOP/s at the median time. */
        public double gflops() {
            return 2.0 * m * k * n / (medianMs * 1e6);
        }
    }

    private final int warmup;
    private final int repetitions;

    public BoundsBenchmark(int warmup, int repetitions) {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and repetitions >= 1");
        }
        this.warmup = warmup;
        this.repetitions = repetitions;
    }

    /** Times one relaxation on the shape's seeded network and box. */
    public Timing time(Shape shape, Relaxation relaxation) {
        Network net = shape.network(1);
        Box box = shape.box(2);
        Analysis[] last = new Analysis[1];
        WorkCounter.reset();
        double[] ms = measure(() -> last[0] = relaxation.analyse(net, box));
        long work = WorkCounter.multiplyAdds() / (warmup + repetitions);
        return new Timing(shape.name(), relaxation.name(), median(ms), min(ms), work,
                unstable(net, last[0]), net.reluCount());
    }

    /** Times C = A B with EJML's single-threaded and multi-threaded kernels for the given sizes. */
    public List<MatMul> matmul(int m, int k, int n) {
        SplittableRandom seeds = new SplittableRandom(3);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(m, k, -1, 1, new java.util.Random(seeds.nextLong()));
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(k, n, -1, 1, new java.util.Random(seeds.nextLong()));
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        List<MatMul> out = new ArrayList<>();
        double[] single = measure(() -> {
            CommonOps_DDRM.mult(a, b, c);
            return c;
        });
        out.add(new MatMul("EJML CommonOps_DDRM.mult", m, k, n, median(single), min(single)));
        double[] multi = measure(() -> {
            CommonOps_MT_DDRM.mult(a, b, c);
            return c;
        });
        out.add(new MatMul("EJML CommonOps_MT_DDRM.mult", m, k, n, median(multi), min(multi)));
        return out;
    }

    private double[] measure(Supplier<?> task) {
        for (int i = 0; i < warmup; i++) {
            task.get();
        }
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            task.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** Number of ReLU neurons whose input bounds straddle 0 in the analysis. */
    private static int unstable(Network net, Analysis a) {
        int count = 0;
        for (int j = 0; j < net.nodes().size(); j++) {
            Relu r = net.relu(j);
            if (r != null && r.source() != Network.INPUT) {
                Bounds b = a.nodes()[r.source()];
                for (int i = 0; i < b.size(); i++) {
                    if (b.lower()[i] < 0 && b.upper()[i] > 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    private static int[] layers(int count, int width) {
        int[] h = new int[count];
        Arrays.fill(h, width);
        return h;
    }
}
