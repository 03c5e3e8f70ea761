package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.exact.MilpExact;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Sampler;

/**
 * The bounding domains on networks read from ONNX models with a MaxPool: sampled outputs lie within the
 * bounds, {@code exact} meets the sampled range, and the lowered max(x1, x2) (and the nested max of three)
 * reproduces THEORY.md §6.3 / §7.5: IBP, DP and Δ loose as documented, {@code multi:1} exact.
 */
class OnnxMaxPoolBoundsAreSoundTest {
    private static final double TOL = 1e-7;

    @TempDir
    Path dir;

    private Network read(String name, ModelProto model) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, model.toByteArray());
        return OnnxReader.read(file);
    }

    private static Box boxAround(int n, long seed, double radius) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] l = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            double c = rnd.nextDouble(-1, 1);
            l[i] = c - radius;
            u[i] = c + radius;
        }
        return new Box(l, u);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ibp", "deeppoly", "triangle"})
    void sampledOutputsOfConvReluMaxPoolGemmLieWithinTheBounds(String domain) throws Exception {
        Network net = read("cnn", MaxPoolModels.convReluPoolGemm(1, 4, 4, 2, 3));
        for (long seed = 1; seed <= 3; seed++) {
            Box box = boxAround(net.inputSize(), seed, 0.4);
            Analysis a = Domains.parse(domain).analyse(net, box);
            Sampler.Range r = Sampler.range(net, box, 2000, seed);
            for (int j = 0; j < net.outputSize(); j++) {
                assertTrue(a.lower()[j] <= r.min()[j] + TOL, domain + " lower " + a.lower()[j] + " above sample "
                        + r.min()[j] + " at output " + j);
                assertTrue(a.upper()[j] >= r.max()[j] - TOL, domain + " upper " + a.upper()[j] + " below sample "
                        + r.max()[j] + " at output " + j);
            }
        }
    }

    /**
     * {@code exact} contains every sample, its bounds are attained by its MILP witnesses (points of the box),
     * so the sampled range together with the witnesses is exactly its range; plain sampling comes within 5%.
     */
    @Test
    void exactEqualsTheSampledRangeOnATinyConvReluMaxPoolGemm() throws Exception {
        Network net = read("tiny", MaxPoolModels.convReluPoolGemm(1, 2, 4, 1, 2));
        Box box = boxAround(net.inputSize(), 7, 0.5);
        MilpExact.Result exact = new MilpExact().solve(net, box);
        Analysis a = Domains.parse("exact").analyse(net, box);
        assertEquals(exact.analysis().lower()[0], a.lower()[0], 1e-9, "domain exact is the MILP");
        Sampler.Range r = Sampler.refinedRange(net, box, 4000, 7);
        for (int j = 0; j < net.outputSize(); j++) {
            double lo = Math.min(r.min()[j], net.evaluate(exact.lowerWitness()[j])[j]);
            double hi = Math.max(r.max()[j], net.evaluate(exact.upperWitness()[j])[j]);
            assertTrue(box.contains(exact.lowerWitness()[j], 0) && box.contains(exact.upperWitness()[j], 0));
            assertEquals(lo, a.lower()[j], 1e-6, "exact lower = sampled minimum at output " + j);
            assertEquals(hi, a.upper()[j], 1e-6, "exact upper = sampled maximum at output " + j);
            double width = a.upper()[j] - a.lower()[j];
            assertTrue(a.lower()[j] <= r.min()[j] + 1e-9 && r.min()[j] <= a.lower()[j] + 0.05 * width,
                    "sampled minimum " + r.min()[j] + " near exact " + a.lower()[j]);
            assertTrue(a.upper()[j] >= r.max()[j] - 1e-9 && r.max()[j] >= a.upper()[j] - 0.05 * width,
                    "sampled maximum " + r.max()[j] + " near exact " + a.upper()[j]);
        }
    }

    /** THEORY §6.3, box [0,1]^2, encoding A = x2 + R(x1 - x2), which is what the 1x2 pool lowers to. */
    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({"ibp, 0, 2", "deeppoly0, 0, 1.5", "deeppoly1, 0, 1.5", "deeppoly, 0, 1.5", "triangle, 0, 1.5",
            "multi:1, 0, 1", "exact, 0, 1"})
    void maxPoolOfOneByTwoIsMaxOfTwoWithTheDocumentedBounds(String domain, double lo, double hi) throws Exception {
        Network net = read("max2", MaxPoolModels.maxOfRow(2));
        assertEquals(0.7, net.evaluate(new double[] {0.7, -0.2})[0], 1e-12);
        assertEquals(0.3, net.evaluate(new double[] {-1, 0.3})[0], 1e-12);
        Analysis a = Domains.parse(domain).analyse(net, Box.cube(2, 0, 1));
        // exact widens SCIP's dual bound outward by MilpExact.PAD (1 + |b|); the others are exact up to rounding
        double tol = domain.equals("exact") ? 1.01 * MilpExact.PAD * (1 + Math.abs(hi)) : TOL;
        assertEquals(lo, a.lower()[0], tol, domain + " lower");
        assertEquals(hi, a.upper()[0], tol, domain + " upper");
        assertTrue(a.lower()[0] <= lo && a.upper()[0] >= hi, domain + " is sound: " + a.lower()[0] + ", " + a.upper()[0]);
    }

    /** THEORY §6.3 nested max, d = 3: IBP upper 3, DP-0 = DP-1 = Δ upper 1.9; §7.5: M_1 exact. */
    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({"ibp, 0, 3, 1e-9", "deeppoly0, 0, 1.9, 1e-3", "deeppoly1, 0, 1.9, 1e-3", "triangle, 0, 1.9, 1e-3",
            "multi:1, 0, 1, 1e-7"})
    void maxPoolOfOneByThreeIsTheNestedMaxOfThree(String domain, double lo, double hi, double tol) throws Exception {
        Network net = read("max3", MaxPoolModels.maxOfRow(3));
        assertEquals(0.9, net.evaluate(new double[] {0.1, 0.9, -0.5})[0], 1e-12);
        Analysis a = Domains.parse(domain).analyse(net, Box.cube(3, 0, 1));
        assertEquals(lo, a.lower()[0], TOL, domain + " lower");
        assertEquals(hi, a.upper()[0], tol, domain + " upper");
    }
}
