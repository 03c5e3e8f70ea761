package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.randomFloats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * MaxPool lowered to max(a, b) = b + relu(a - b) through depthwise selection convolutions: the network read
 * from each hand-built model computes what onnxruntime computes (to 1e-5 relative), with K selections, K - 1
 * negated selections and K - 1 ReLUs for a K-entry window, named after the ONNX node's output.
 */
class OnnxMaxPoolLoweringMatchesOnnxRuntimeTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    private static long[] longs(String spaced) {
        String[] parts = spaced.trim().split(" +");
        long[] v = new long[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(parts[i]);
        }
        return v;
    }

    private static long count(Network net, Class<? extends Node> kind) {
        return net.nodes().stream().filter(kind::isInstance).count();
    }

    /** x [1, C, H, W] (or [1, C, W] when h = 0) -> MaxPool -> Flatten -> y. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "2x2 stride 2; 1; 4; 4; 2 2; 2 2; 1 1; 4",
            "3x3 stride 1 (strides absent); 1; 5; 5; 3 3; ; ; 9",
            "2x2 stride 1 dilation 2; 1; 5; 5; 2 2; 1 1; 2 2; 9",
            "rectangular 2x3 strides 1x2; 1; 5; 7; 2 3; 1 2; 1 1; 12",
            "three channels 2x2 stride 2 on 6x5; 3; 6; 5; 2 2; 2 2; 1 1; 18",
            "1-D kernel 3 stride 2; 2; 0; 7; 3; 2; 1; 6",
            "1x1 window is one selection; 2; 3; 3; 1 1; 1 1; 1 1; 18"})
    void maxPoolEqualsOnnxRuntime(String what, int c, int h, int w, String kernel, String strides, String dilations,
                                  int outputs) throws Exception {
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(intsAttr("kernel_shape", longs(kernel)));
        if (strides != null) {
            attrs.add(intsAttr("strides", longs(strides)));
        }
        if (dilations != null) {
            attrs.add(intsAttr("dilations", longs(dilations)));
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("pool")
                .addInput(h == 0 ? Models.floatInput("x", 1, c, w) : Models.floatInput("x", 1, c, h, w))
                .addNode(node("MaxPool", "mp", in("x"), "p", attrs.toArray(new AttributeProto[0])))
                .addNode(node("Flatten", "f", in("p"), "y"))
                .addOutput(Models.floatInput("y", 1, outputs));
        int inputs = c * Math.max(h, 1) * w;
        Network net = OrtAgreement.check(dir, "pool" + what.hashCode(), Models.model(g), inputs, 1e-5);
        assertEquals(outputs, net.outputSize());
        long window = 1;
        for (long k : longs(kernel)) {
            window *= k;
        }
        assertEquals(2 * window - 1, count(net, Conv.class), what + ": selections and negated selections");
        assertEquals(window - 1, count(net, org.relucert.net.Relu.class), what + ": one ReLU per window entry after the first");
        assertEquals(2 * (window - 1), count(net, org.relucert.net.Add.class), what + ": differences and sums");
        assertEquals("p", net.node(net.output()).name(), what + ": the result is named after the output");
        for (Node n : net.nodes()) {
            if (n instanceof Conv conv) {
                assertEquals(c, conv.geometry().groups(), what + ": depthwise");
            }
        }
    }

    @Test
    void twoByTwoPoolIsSelectionsDifferencesReluAndSums() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("pool")
                .addInput(Models.floatInput("x", 1, 1, 2, 2))
                .addNode(node("MaxPool", "mp", in("x"), "p", intsAttr("kernel_shape", 2, 2)))
                .addNode(node("Flatten", "f", in("p"), "y"))
                .addOutput(Models.floatInput("y", 1, 1));
        Network net = OrtAgreement.check(dir, "names", Models.model(g), 4, 1e-5);
        StringJoiner names = new StringJoiner(" ");
        for (Node n : net.nodes()) {
            names.add(n.getClass().getSimpleName() + ":" + n.name());
        }
        assertEquals("Conv:p/x0_0 Conv:p/x0_1 Conv:p/-x0_1 Add:p/d1 Relu:p/r1 Add:p/max1 "
                + "Conv:p/x1_0 Conv:p/-x1_0 Add:p/d2 Relu:p/r2 Add:p/max2 "
                + "Conv:p/x1_1 Conv:p/-x1_1 Add:p/d3 Relu:p/r3 Add:p", names.toString());
        assertEquals(4.0, net.evaluate(new double[] {1, -2, 4, 3})[0]);
        assertEquals(-1.0, net.evaluate(new double[] {-5, -1, -3, -2})[0]);
    }

    /** Conv -> Relu -> MaxPool -> Flatten -> Gemm, the usual small CNN. */
    @Test
    void convReluMaxPoolFlattenGemmEqualsOnnxRuntime() throws Exception {
        Network net = OrtAgreement.check(dir, "cnn", MaxPoolModels.convReluPoolGemm(2, 6, 6, 3, 4), 2 * 6 * 6, 1e-5);
        assertEquals(4, net.outputSize());
        assertEquals("Conv", net.node(0).getClass().getSimpleName());
        assertEquals("Relu", net.node(1).getClass().getSimpleName());
        assertEquals("Affine", net.node(net.output()).getClass().getSimpleName());
    }

    /** A pool of a constant tensor is computed by the reader (no nodes), here added to the input. */
    @Test
    void maxPoolOfAConstantIsFolded() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("constpool")
                .addInput(Models.floatInput("x", 1, 1, 2, 2))
                .addInitializer(randomFloats("K", 5, 1, 1, 4, 4))
                .addNode(node("MaxPool", "mp", in("K"), "p", intsAttr("kernel_shape", 3, 3), intsAttr("strides", 1, 1)))
                .addNode(node("Add", "add", in("x", "p"), "s"))
                .addNode(node("Relu", "r", in("s"), "r"))
                .addNode(node("Flatten", "f", in("r"), "y", intAttr("axis", 1)))
                .addOutput(Models.floatInput("y", 1, 4));
        Network net = OrtAgreement.check(dir, "constpool", Models.model(g), 4, 1e-5);
        assertEquals(0, count(net, org.relucert.net.Add.class), "no pool nodes");
        assertEquals(0, net.nodes().stream().filter(n -> n.name().startsWith("p/")).count());
    }
}
