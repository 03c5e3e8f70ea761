package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.randomFloats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Node;
import org.relucert.net.Sampler;
import org.relucert.net.Select;
import org.relucert.net.SelectCases;

/**
 * Transposes and Concats of computed values from {@link Emitter#SMALL} entries on, which nothing absorbs,
 * become Select nodes: the networks read agree with onnxruntime, and the bounds of the domains contain
 * sampled outputs (on these models and on random networks with Select nodes).
 */
class OnnxLargeReshufflesMatchOnnxRuntimeTest {
    private static final double TOL = 1e-7;

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** x [1, 4, 32, 32] -> 1x1 Conv -> Relu -> Transpose to [1, 32, 32, 4] -> Relu -> Flatten -> Gemm. */
    static ModelProto transposeOfComputedImage(int c, int h, int w) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("transpose")
                .addInput(Models.floatInput("x", 1, c, h, w))
                .addInitializer(randomFloats("W", 81, c, c, 1, 1))
                .addInitializer(randomFloats("B", 82, c))
                .addInitializer(randomFloats("F", 83, 3, (long) c * h * w))
                .addInitializer(randomFloats("G", 84, 3))
                .addNode(node("Conv", "conv", in("x", "W", "B"), "cv"))
                .addNode(node("Relu", "relu", in("cv"), "r"))
                .addNode(node("Transpose", "t", in("r"), "rt", intsAttr("perm", 0, 2, 3, 1)))
                .addNode(node("Relu", "relu2", in("rt"), "r2"))
                .addNode(node("Flatten", "flat", in("r2"), "f"))
                .addNode(node("Gemm", "fc", in("f", "F", "G"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 3));
        return Models.model(g);
    }

    /** Two Conv-Relu branches of x [1, c, h, w], concatenated on the channels, then Relu, Flatten, Gemm. */
    static ModelProto concatOfTwoBranches(int c, int h, int w) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("concat")
                .addInput(Models.floatInput("x", 1, c, h, w))
                .addInitializer(randomFloats("W1", 91, c, c, 3, 3))
                .addInitializer(randomFloats("B1", 92, c))
                .addInitializer(randomFloats("W2", 93, c, c, 1, 1))
                .addInitializer(randomFloats("B2", 94, c))
                .addInitializer(randomFloats("F", 95, 2, 2L * c * h * w))
                .addInitializer(randomFloats("G", 96, 2))
                .addNode(node("Conv", "c1", in("x", "W1", "B1"), "a", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Relu", "r1", in("a"), "ra"))
                .addNode(node("Conv", "c2", in("x", "W2", "B2"), "b"))
                .addNode(node("Relu", "r2", in("b"), "rb"))
                .addNode(node("Concat", "cat", in("ra", "rb"), "ab", intAttr("axis", 1)))
                .addNode(node("Relu", "r3", in("ab"), "r"))
                .addNode(node("Flatten", "flat", in("r"), "f"))
                .addNode(node("Gemm", "fc", in("f", "F", "G"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 2));
        return Models.model(g);
    }

    private static boolean hasSelect(Network net) {
        for (Node n : net.nodes()) {
            if (n instanceof Select) {
                return true;
            }
        }
        return false;
    }

    @Test
    void largeTransposeOfAComputedImageMatchesOnnxRuntime() throws Exception {
        Network net = OrtAgreement.check(dir, "transpose", transposeOfComputedImage(4, 32, 32), 4096);
        assertTrue(hasSelect(net), "the transpose is a Select node");
    }

    @Test
    void largeConcatOfTwoComputedBranchesMatchesOnnxRuntime() throws Exception {
        Network net = OrtAgreement.check(dir, "concat", concatOfTwoBranches(4, 32, 32), 4096);
        assertTrue(hasSelect(net), "the concat is a Select node");
    }

    @Test
    void largeConcatOfTheInputWithItselfMatchesOnnxRuntime() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(Models.floatInput("x", 1, 2, 32, 32))
                .addNode(node("Concat", "cat", in("x", "x"), "y", intAttr("axis", 1)))
                .addOutput(Models.floatInput("y", 1, 4, 32, 32));
        OrtAgreement.check(dir, "selfcat", Models.model(g), 2048);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ibp", "deeppoly", "deeppoly0"})
    void sampledOutputsOfTheConcatModelLieWithinTheBounds(String domain) throws Exception {
        Path file = dir.resolve("concat-small.onnx");
        Files.write(file, concatOfTwoBranches(2, 32, 32).toByteArray());
        Network net = OnnxReader.read(file);
        assertTrue(hasSelect(net));
        Box box = boxAround(net.inputSize(), 3, 0.02);
        assertSound(net, box, domain, 300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ibp", "deeppoly", "triangle", "crown"})
    void sampledOutputsOfRandomNetworksWithSelectLieWithinTheBounds(String domain) {
        for (long seed = 1; seed <= 40; seed++) {
            Network net = SelectCases.of(seed);
            assertSound(net, SelectCases.box(net.inputSize(), seed), domain, 500);
        }
    }

    private static void assertSound(Network net, Box box, String domain, int samples) {
        Analysis a = Domains.parse(domain).analyse(net, box);
        Sampler.Range r = Sampler.range(net, box, samples, 11);
        for (int j = 0; j < net.outputSize(); j++) {
            assertTrue(a.lower()[j] <= r.min()[j] + TOL, domain + " lower " + a.lower()[j] + " above sample "
                    + r.min()[j] + " at output " + j + " of " + net);
            assertTrue(a.upper()[j] >= r.max()[j] - TOL, domain + " upper " + a.upper()[j] + " below sample "
                    + r.max()[j] + " at output " + j + " of " + net);
        }
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
}
