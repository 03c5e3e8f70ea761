package org.relucert.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Bounds;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * The benchmark's convolutional shapes have the node sizes of the ONNX architectures they copy, and the two
 * cheaper ones are bounded soundly (cifar_base_kw by every core domain, resnet_2b by ibp and deeppoly): each
 * node's value at sampled points of the box (random points and random corners) lies within its bounds.
 */
class ConvShapesBoundSoundlyTest {
    private static final double TOL = 1e-9;

    private static int[] sizes(Network net) {
        return net.nodes().stream().mapToInt(n -> n.size()).toArray();
    }

    @Test
    void shapesHaveTheSizesOfTheOnnxArchitectures() {
        assertArrayEquals(new int[] {2048, 2048, 1024, 1024, 100, 100, 10}, sizes(BoundsBenchmark.CIFAR_BASE.network(1)));
        Network r2b = BoundsBenchmark.RESNET_2B.network(1);
        assertArrayEquals(new int[] {2048, 2048, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
            100, 100, 10}, sizes(r2b));
        Network r4b = BoundsBenchmark.RESNET_4B.network(1);
        assertEquals(27, r4b.nodes().size());
        assertEquals(4096, r4b.sizeOf(0));
        assertEquals(14436, r4b.reluCount());
        Network sri = BoundsBenchmark.SRI_RESNET_A.network(1);
        assertEquals(23, sri.nodes().size());
        assertEquals(11364, sri.reluCount());
        for (Network net : List.of(r2b, r4b, sri)) {
            assertEquals(3072, net.inputSize());
            assertEquals(10, net.outputSize());
        }
    }

    @Test
    void cheapConvShapesAreBoundedSoundlyOnSampledPoints() {
        for (BoundsBenchmark.Shape shape : List.of(BoundsBenchmark.CIFAR_BASE, BoundsBenchmark.RESNET_2B)) {
            List<String> domains = shape == BoundsBenchmark.CIFAR_BASE
                    ? List.of("ibp", "deeppoly0", "deeppoly1", "deeppoly") : List.of("ibp", "deeppoly");
            Network net = shape.network(1);
            Box box = shape.box(2);
            List<double[]> points = samples(box, 7);
            List<double[][]> values = new ArrayList<>();
            for (double[] x : points) {
                values.add(net.evaluateAll(x));
            }
            for (String domain : domains) {
                Analysis a = Domains.parse(domain).analyse(net, box);
                int unstable = 0;
                for (int j = 0; j < net.nodes().size(); j++) {
                    Bounds b = a.nodes()[j];
                    for (double[][] v : values) {
                        for (int i = 0; i < b.size(); i++) {
                            double y = v[j][i];
                            assertTrue(b.contains(i, y, TOL), shape.name() + " " + domain + " node " + net.nameOf(j)
                                    + "[" + i + "] = " + y + " outside [" + b.lower()[i] + ", " + b.upper()[i] + "]");
                        }
                    }
                    if (net.node(j) instanceof Relu r) {
                        Bounds pre = a.nodes()[r.source()];
                        for (int i = 0; i < pre.size(); i++) {
                            unstable += pre.lower()[i] < 0 && pre.upper()[i] > 0 ? 1 : 0;
                        }
                    }
                }
                assertTrue(unstable > 0, shape.name() + " " + domain + " has unstable neurons");
            }
        }
    }

    /** 20 random points and 20 random corners of the box, and its centre. */
    private static List<double[]> samples(Box box, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = box.dim();
        List<double[]> out = new ArrayList<>();
        double[] centre = new double[d];
        for (int i = 0; i < d; i++) {
            centre[i] = 0.5 * (box.lower()[i] + box.upper()[i]);
        }
        out.add(centre);
        for (int k = 0; k < 40; k++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                double t = k < 20 ? rnd.nextDouble() : (rnd.nextBoolean() ? 1 : 0);
                x[i] = box.lower()[i] + t * (box.upper()[i] - box.lower()[i]);
            }
            out.add(x);
        }
        return out;
    }
}
