package org.relucert.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.bounds.Relaxation;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomConvNetworks;
import org.relucert.net.RandomNetworks;
import org.relucert.net.Relu;
import org.relucert.net.RoundingError;
import org.relucert.net.WorkCounter;

/**
 * Speed of the bound computations on seeded random networks of the benchmark shapes: fully connected ACAS Xu
 * and MNIST, and the convolutional CIFAR networks (oval21 cifar_base_kw, cifar10_resnet resnet_2b / resnet_4b,
 * sri_resnet_a; {@link RandomConvNetworks}), against dense matrix products measured in the same run
 * ({@link DenseProducts}: a plain i-k-j loop and {@code net.DenseKernel}); with the peak heap use of each.
 */
public final class BoundsBenchmark {

    /**
     * A network shape, its seeded random network, the half-width of the boxes drawn for it, and whether it is
     * convolutional (the slow shapes, timed with fewer runs).
     */
    public record Shape(String name, int inputs, double radius, boolean convolutional, LongFunction<Network> builder) {
        /** A fully connected shape. */
        public static Shape fullyConnected(String name, int inputs, int[] hidden, int outputs, double radius) {
            return new Shape(name, inputs, radius, false,
                    seed -> RandomNetworks.fullyConnected(seed, inputs, hidden, outputs));
        }

        /** A convolutional CIFAR shape: 3x32x32 inputs, boxes of radius {@link #CIFAR_EPS}. */
        public static Shape cifar(String name, LongFunction<Network> builder) {
            return new Shape(name, 3 * 32 * 32, CIFAR_EPS, true, builder);
        }

        /** The seeded random network of this shape. */
        public Network network(long seed) {
            return builder.apply(seed);
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
    public static final Shape ACAS_XU = Shape.fullyConnected("ACAS Xu 5-50x6-5", 5, layers(6, 50), 5, 0.05);
    /** 784 inputs, six hidden layers of 256, 10 outputs. */
    public static final Shape MNIST = Shape.fullyConnected("MNIST 784-256x6-10", 784, layers(6, 256), 10, 0.01);
    /** Radius of the CIFAR boxes: 2/255 around a random image in [0, 1]^3072. */
    public static final double CIFAR_EPS = 2.0 / 255;
    /** oval21 cifar_base_kw: two 4x4 stride-2 convolutions (8 and 16 channels), dense 100, 10. */
    public static final Shape CIFAR_BASE = Shape.cifar("cifar_base_kw", RandomConvNetworks::cifarBase);
    /** cifar10_resnet resnet_2b: 3x3 convolutions, 2 residual blocks of 16 channels, dense 100, 10. */
    public static final Shape RESNET_2B = Shape.cifar("resnet_2b", RandomConvNetworks::resnet2b);
    /** cifar10_resnet resnet_4b: 3x3 convolutions, 4 residual blocks of 32 channels, dense 100, 10. */
    public static final Shape RESNET_4B = Shape.cifar("resnet_4b", RandomConvNetworks::resnet4b);
    /** sri_resnet_a: 3 residual blocks of 32, 64, 128 channels with 1x1 shortcuts, dense 100, 10. */
    public static final Shape SRI_RESNET_A = Shape.cifar("sri_resnet_a", RandomConvNetworks::sriResnetA);

    /** Every shape, by a short name for the command line. */
    public static final Map<String, Shape> SHAPES = shapes();

    private static Map<String, Shape> shapes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("acasxu", ACAS_XU);
        m.put("mnist", MNIST);
        m.put("cifar_base", CIFAR_BASE);
        m.put("resnet_2b", RESNET_2B);
        m.put("resnet_4b", RESNET_4B);
        m.put("sri_resnet_a", SRI_RESNET_A);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Median and minimum time of one relaxation on one shape, its work, unstable-neuron count and the peak
     * heap use over the runs (see {@link HeapPeak}: largest use before a collection, and after one).
     */
    public record Timing(String shape, String domain, double medianMs, double minMs, long multiplyAdds,
                         int unstable, int neurons, long peakHeapBytes, long liveHeapBytes) {
        /** Achieved GFLOP/s (2 flops per multiply-add) at the median time; 0 when no products ran. */
        public double gflops() {
            return multiplyAdds == 0 ? 0 : 2.0 * multiplyAdds / (medianMs * 1e6);
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

    /** Times one relaxation on the shape's seeded network and box, with this benchmark's run counts. */
    public Timing time(Shape shape, Relaxation relaxation) {
        return time(shape, relaxation, warmup, repetitions);
    }

    /** Times one relaxation on the shape's seeded network and box: {@code runs} timed runs after {@code warm}. */
    public static Timing time(Shape shape, Relaxation relaxation, int warm, int runs) {
        Network net = shape.network(1);
        Box box = shape.box(2);
        Analysis[] last = new Analysis[1];
        WorkCounter.reset();
        double[] ms;
        long peak;
        long live;
        try (HeapPeak heap = new HeapPeak()) {
            ms = measure(() -> last[0] = relaxation.analyse(net, box), warm, runs);
            heap.close();
            peak = heap.peakBytes();
            live = heap.liveBytes();
        }
        long work = WorkCounter.multiplyAdds() / (warm + runs);
        return new Timing(shape.name(), relaxation.name(), median(ms), min(ms), work,
                unstable(net, last[0]), net.reluCount(), peak, live);
    }

    /** Median times of a relaxation with its rounding-error terms (as always) and without (the naive baseline). */
    public record RoundingCost(String shape, String domain, double soundMs, double naiveMs) {
        /** Sound time over naive time. */
        public double ratio() {
            return soundMs / naiveMs;
        }
    }

    /**
     * The cost of sound rounding: the relaxation timed with the rounding-error terms and outward rounding
     * ({@link RoundingError}) and, as a baseline, without them, in alternating runs so that both see the same
     * machine load. The baseline's bounds are not sound; it exists only here.
     */
    public RoundingCost roundingCost(Shape shape, Relaxation relaxation) {
        Network net = shape.network(1);
        Box box = shape.box(2);
        double[] sound = new double[repetitions];
        double[] naive = new double[repetitions];
        try {
            for (int i = 0; i < warmup + repetitions; i++) {
                for (int side = 0; side < 2; side++) {
                    boolean on = (i + side) % 2 == 0;
                    RoundingError.setEnabled(on);
                    long t0 = System.nanoTime();
                    relaxation.analyse(net, box);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i >= warmup) {
                        (on ? sound : naive)[i - warmup] = ms;
                    }
                }
            }
        } finally {
            RoundingError.setEnabled(true);
        }
        return new RoundingCost(shape.name(), relaxation.name(), median(sound), median(naive));
    }

    /** Times C += A·B for the given sizes: the plain i-k-j loop and DenseKernel, serial and parallel. */
    public List<DenseProducts.MatMul> matmul(int m, int k, int n) {
        return DenseProducts.time(m, k, n, warmup, repetitions);
    }

    private static double[] measure(Supplier<?> task, int warmup, int repetitions) {
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
