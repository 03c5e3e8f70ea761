package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relucert.io.onnx.Models.dims;
import static org.relucert.io.onnx.Models.floatAttr;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.randomFloats;
import static org.relucert.io.onnx.Models.stringAttr;

import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.net.Conv;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * Hand-built convolutional models, one per lowering: the network read from each computes what onnxruntime
 * computes, and has the node structure the lowering promises (folds where it can, no dense maps of images).
 */
class OnnxConvLoweringMatchesOnnxRuntimeTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** The simple class names of the nodes, in order. */
    private static String kinds(Network net) {
        StringJoiner j = new StringJoiner(" ");
        for (Node n : net.nodes()) {
            j.add(n.getClass().getSimpleName());
        }
        return j.toString();
    }

    private static TensorProto scalar(String name, double v) {
        return Models.floats(name, dims(), v);
    }

    @Test
    void conv2dWithPaddingStridesDilationsAndGroupsThenGemm() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("conv")
                .addInput(Models.floatInput("x", 1, 4, 7, 6))
                .addInitializer(randomFloats("W", 1, 6, 2, 3, 2))
                .addInitializer(randomFloats("B", 2, 6))
                .addInitializer(randomFloats("F", 3, 3, 6 * 4 * 5))
                .addNode(node("Conv", "c", in("x", "W", "B"), "c", intsAttr("pads", 1, 0, 2, 1),
                        intsAttr("strides", 2, 1), intsAttr("dilations", 1, 2), intAttr("group", 2),
                        intsAttr("kernel_shape", 3, 2)))
                .addNode(node("Relu", "r", in("c"), "r"))
                .addNode(node("Flatten", "f", in("r"), "f"))
                .addNode(node("Gemm", "fc", in("f", "F"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 3));
        Network net = OrtAgreement.check(dir, "conv", Models.model(g), 4 * 7 * 6);
        assertEquals("Conv Relu Affine", kinds(net));
        assertEquals(new Conv.Geometry(3, 2, 2, 1, 1, 0, 2, 1, 1, 2, 2), ((Conv) net.node(0)).geometry());
    }

    @Test
    void conv1dWithAutoPadSameUpperSameLowerAndValidOnASymbolicBatch() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("conv1d")
                .addInput(Models.floatInput("x", -1, 2, 9))
                .addInitializer(randomFloats("W1", 4, 3, 2, 3))
                .addInitializer(randomFloats("W2", 5, 2, 3, 2))
                .addInitializer(randomFloats("B2", 6, 2))
                .addInitializer(randomFloats("W3", 7, 1, 2, 3))
                .addNode(node("Conv", "c1", in("x", "W1"), "c1", stringAttr("auto_pad", "SAME_UPPER"),
                        intsAttr("strides", 2)))
                .addNode(node("Relu", "r1", in("c1"), "r1"))
                .addNode(node("Conv", "c2", in("r1", "W2", "B2"), "c2", stringAttr("auto_pad", "SAME_LOWER")))
                .addNode(node("Relu", "r2", in("c2"), "r2"))
                .addNode(node("Conv", "c3", in("r2", "W3"), "c3", stringAttr("auto_pad", "VALID"),
                        intsAttr("dilations", 2)))
                .addNode(node("Flatten", "f", in("c3"), "y"))
                .addOutput(Models.floatInput("y", -1, 1));
        Network net = OrtAgreement.check(dir, "conv1d", Models.model(g), 18);
        assertEquals("Conv Relu Conv Relu Conv", kinds(net));
        assertEquals(1, net.outputSize());
    }

    /** Residual Add of two convolutions, a constant Add folded into a Conv's bias, Sum of three node values. */
    @Test
    void residualAddSumAndConstantAddFoldedIntoConvBias() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("res")
                .addInput(Models.floatInput("x", 1, 2, 5, 5))
                .addInitializer(randomFloats("W1", 11, 3, 2, 3, 3))
                .addInitializer(randomFloats("W2", 12, 3, 3, 3, 3))
                .addInitializer(randomFloats("B2", 13, 3))
                .addInitializer(randomFloats("W3", 14, 3, 2, 1, 1))
                .addInitializer(randomFloats("K", 15, 3, 1, 1))
                .addInitializer(randomFloats("F", 16, 2, 75))
                .addNode(node("Conv", "c1", in("x", "W1"), "c1", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Relu", "r1", in("c1"), "r1"))
                .addNode(node("Conv", "c2", in("r1", "W2", "B2"), "c2", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Conv", "c3", in("x", "W3"), "c3"))
                .addNode(node("Add", "shift", in("c3", "K"), "c3k"))
                .addNode(node("Add", "res", in("c2", "c3k"), "a"))
                .addNode(node("Relu", "ra", in("a"), "ra"))
                .addNode(node("Sum", "sum", in("ra", "c2", "a"), "s"))
                .addNode(node("Relu", "rs", in("s"), "rs"))
                .addNode(node("Flatten", "f", in("rs"), "flat"))
                .addNode(node("Gemm", "fc", in("flat", "F"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = OrtAgreement.check(dir, "res", Models.model(g), 50);
        assertEquals("Conv Relu Conv Conv Add Relu Add Relu Affine", kinds(net));
        assertEquals(3, net.node(6).from().length);
    }

    /**
     * BatchNormalization after a Conv (fused into it), after a Relu before an unpadded Conv (folded into that
     * Conv's input), after a Relu before a padded Conv (a depthwise Conv of its own), and after a Gemm.
     */
    @Test
    void batchNormalizationFoldsOrBecomesADepthwiseConv() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("bn")
                .addInput(Models.floatInput("x", 1, 3, 6, 6))
                .addInitializer(randomFloats("W1", 21, 4, 3, 3, 3))
                .addInitializer(randomFloats("W2", 22, 4, 4, 2, 2))
                .addInitializer(randomFloats("W3", 23, 2, 4, 3, 3))
                .addInitializer(randomFloats("F", 24, 5, 18));
        g.addNode(node("Conv", "c1", in("x", "W1"), "c1", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(bn(g, "bn1", "c1", 4, 31))
                .addNode(node("Relu", "r1", in("bn1"), "r1"))
                .addNode(bn(g, "bn2", "r1", 4, 32))
                .addNode(node("Conv", "c2", in("bn2", "W2"), "c2", intsAttr("strides", 2, 2)))
                .addNode(node("Relu", "r2", in("c2"), "r2"))
                .addNode(bn(g, "bn3", "r2", 4, 33))
                .addNode(node("Conv", "c3", in("bn3", "W3"), "c3", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Flatten", "f", in("c3"), "flat"))
                .addNode(node("Gemm", "fc", in("flat", "F"), "h", intAttr("transB", 1)))
                .addNode(bn(g, "bn4", "h", 5, 34))
                .addNode(node("Relu", "out", in("bn4"), "y"))
                .addOutput(Models.floatInput("y", 1, 5));
        Network net = OrtAgreement.check(dir, "bn", Models.model(g), 108);
        assertEquals("Conv Relu Conv Relu Conv Conv Affine Relu", kinds(net));
        Conv depthwise = (Conv) net.node(4);
        assertEquals(4, depthwise.geometry().groups());
        assertEquals(1, depthwise.geometry().kernelH());
    }

    /** A BatchNormalization node with random parameters (variances positive); adds its initializers to g. */
    private static org.relucert.io.onnx.proto.Onnx.NodeProto bn(GraphProto.Builder g, String name, String input,
                                                                 int channels, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] var = rnd.doubles(channels, 0.2, 2).toArray();
        g.addInitializer(randomFloats(name + "/scale", seed + 1, channels))
                .addInitializer(randomFloats(name + "/B", seed + 2, channels))
                .addInitializer(randomFloats(name + "/mean", seed + 3, channels))
                .addInitializer(Models.rawFloats(name + "/var", dims(channels), var));
        return node("BatchNormalization", name, in(input, name + "/scale", name + "/B", name + "/mean", name + "/var"),
                name, floatAttr("epsilon", 1e-3));
    }

    /** A Conv read by a BatchNormalization and by a Relu keeps its weights; the batch norm becomes a depthwise Conv. */
    @Test
    void batchNormalizationOfAConvWithTwoReadersIsNotFused() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("bn2")
                .addInput(Models.floatInput("x", 1, 2, 4, 4))
                .addInitializer(randomFloats("W", 25, 3, 2, 3, 3));
        g.addNode(node("Conv", "c", in("x", "W"), "c", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(bn(g, "bn", "c", 3, 35))
                .addNode(node("Relu", "r1", in("bn"), "r1"))
                .addNode(node("Relu", "r2", in("c"), "r2"))
                .addNode(node("Add", "sum", in("r1", "r2"), "s"))
                .addNode(node("Flatten", "f", in("s"), "y"))
                .addOutput(Models.floatInput("y", 1, 48));
        Network net = OrtAgreement.check(dir, "bn2", Models.model(g), 32);
        assertEquals("Conv Conv Relu Relu Add", kinds(net));
        assertEquals(3, ((Conv) net.node(1)).geometry().groups());
    }

    /** A per-channel Mul folds into a grouped Conv's weights (each group reads its own channels). */
    @Test
    void perChannelScaleFoldsIntoAGroupedConv() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("grouped")
                .addInput(Models.floatInput("x", 1, 4, 3, 3))
                .addInitializer(Models.rawFloats("s", dims(1, 4, 1, 1), 2, -1, 0.5, 3))
                .addInitializer(Models.rawFloats("t", dims(4, 1, 1), 0.1, 0.2, -0.3, 0.4))
                .addInitializer(randomFloats("W", 43, 6, 2, 2, 2))
                .addNode(node("Mul", "scale", in("x", "s"), "xs"))
                .addNode(node("Add", "shift", in("xs", "t"), "xt"))
                .addNode(node("Conv", "c", in("xt", "W"), "c", intAttr("group", 2)))
                .addNode(node("Flatten", "f", in("c"), "y"))
                .addOutput(Models.floatInput("y", 1, 24));
        assertEquals("Conv", kinds(OrtAgreement.check(dir, "grouped", Models.model(g), 36)));
    }

    /** Sub/Div by per-channel constants folds into an unpadded Conv; a scalar Mul before a Relu is a depthwise Conv. */
    @Test
    void normalisationFoldsIntoAnUnpaddedConv() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("norm")
                .addInput(Models.floatInput("x", 1, 3, 5, 5))
                .addInitializer(Models.rawFloats("mean", dims(1, 3, 1, 1), 0.5, -0.25, 0.1))
                .addInitializer(Models.rawFloats("std", dims(3, 1, 1), 0.2, 0.5, 2))
                .addInitializer(randomFloats("W", 41, 2, 3, 2, 2))
                .addInitializer(scalar("half", 0.5))
                .addNode(node("Sub", "centre", in("x", "mean"), "xc"))
                .addNode(node("Div", "scale", in("xc", "std"), "xs"))
                .addNode(node("Conv", "c", in("xs", "W"), "c"))
                .addNode(node("Relu", "r", in("c"), "r"))
                .addNode(node("Mul", "m", in("r", "half"), "rm"))
                .addNode(node("Relu", "r2", in("rm"), "r2"))
                .addNode(node("Flatten", "f", in("r2"), "y"))
                .addOutput(Models.floatInput("y", 1, 32));
        Network net = OrtAgreement.check(dir, "norm", Models.model(g), 75);
        assertEquals("Conv Relu Conv Relu", kinds(net));
        assertEquals(2, ((Conv) net.node(2)).geometry().groups());
    }

    /** Before a padded Conv the shift cannot fold (the padding zeros are not shifted): a depthwise Conv first. */
    @Test
    void normalisationBeforeAPaddedConvIsADepthwiseConv() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("norm2")
                .addInput(Models.floatInput("x", 1, 3, 4, 4))
                .addInitializer(Models.rawFloats("mean", dims(1, 3, 1, 1), 0.5, -0.25, 0.1))
                .addInitializer(Models.rawFloats("std", dims(3, 1, 1), 0.2, 0.5, 2))
                .addInitializer(randomFloats("W", 42, 2, 3, 3, 3))
                .addNode(node("Sub", "centre", in("x", "mean"), "xc"))
                .addNode(node("Div", "scale", in("xc", "std"), "xs"))
                .addNode(node("Conv", "c", in("xs", "W"), "c", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Flatten", "f", in("c"), "y"))
                .addOutput(Models.floatInput("y", 1, 32));
        Network net = OrtAgreement.check(dir, "norm2", Models.model(g), 48);
        assertEquals("Conv Conv", kinds(net));
        assertEquals(3, ((Conv) net.node(0)).geometry().groups());
    }

    /** Pad (inputs form) folds into the next Conv's padding; a Pad before a Relu is an identity Conv with padding. */
    @Test
    void padFoldsIntoConvOrBecomesAnIdentityConv() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("pad")
                .addInput(Models.floatInput("x", 1, 2, 4, 4))
                .addInitializer(Models.int64s("p1", 0, 0, 1, 2, 0, 0, 2, 1))
                .addInitializer(Models.int64s("p2", 0, 0, 1, 0, 0, 0, 0, 1))
                .addInitializer(randomFloats("W", 51, 3, 2, 3, 3))
                .addNode(node("Pad", "pad1", in("x", "p1"), "xp"))
                .addNode(node("Conv", "c", in("xp", "W"), "c"))
                .addNode(node("Relu", "r", in("c"), "r"))
                .addNode(node("Pad", "pad2", in("r", "p2"), "rp"))
                .addNode(node("Relu", "r2", in("rp"), "r2"))
                .addNode(node("Flatten", "f", in("r2"), "y"))
                .addOutput(Models.floatInput("y", 1, 3 * 6 * 6));
        Network net = OrtAgreement.check(dir, "pad", Models.model(g), 32);
        assertEquals("Conv Relu Conv Relu", kinds(net));
        assertEquals(new Conv.Geometry(3, 3, 1, 1, 1, 2, 2, 1, 1, 1, 1), ((Conv) net.node(0)).geometry());
        assertEquals(new Conv.Geometry(1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 3), ((Conv) net.node(2)).geometry());
    }

    /** Pad in its attribute form (opset 10) and AveragePool with count_include_pad=1, GlobalAveragePool. */
    @Test
    void averagePoolsAreDepthwiseConvsAndOldPadAttributesWork() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("pool")
                .addInput(Models.floatInput("x", 1, 3, 6, 6))
                .addInitializer(randomFloats("W", 61, 4, 3, 1, 1))
                .addInitializer(randomFloats("F", 62, 4, 2))
                .addNode(node("AveragePool", "p1", in("x"), "p1", intsAttr("kernel_shape", 2, 2),
                        intsAttr("strides", 2, 2)))
                .addNode(node("Pad", "pad", in("p1"), "pp", intsAttr("pads", 0, 0, 1, 1, 0, 0, 1, 1),
                        stringAttr("mode", "constant")))
                .addNode(node("Conv", "c", in("pp", "W"), "c"))
                .addNode(node("Relu", "r", in("c"), "r"))
                .addNode(node("AveragePool", "p2", in("r"), "p2", intsAttr("kernel_shape", 3, 3),
                        intsAttr("pads", 1, 1, 1, 1), intAttr("count_include_pad", 1)))
                .addNode(node("GlobalAveragePool", "gap", in("p2"), "gap"))
                .addNode(node("Flatten", "f", in("gap"), "flat"))
                .addNode(node("MatMul", "fc", in("flat", "F"), "y"))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = OrtAgreement.check(dir, "pool", Models.model(g, 10), 108);
        assertEquals("Conv Conv Relu Conv Conv Affine", kinds(net));
        assertEquals(3, ((Conv) net.node(0)).geometry().groups());
        assertEquals(1, ((Conv) net.node(1)).geometry().padTop());
    }

    /** Dropout, Identity, Reshape with 0 and -1, Unsqueeze and Squeeze (attributes at opset 11, inputs at 13). */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(longs = {11, 13})
    void shapeChangesKeepTheFlatVector(long opset) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("shape")
                .addInput(Models.floatInput("x", 1, 2, 3, 4))
                .addInitializer(Models.int64s("s", 0, 6, -1))
                .addInitializer(Models.int64s("ax2", 2))
                .addInitializer(randomFloats("W1", 71, 3, 6, 3))
                .addInitializer(randomFloats("W2", 72, 2, 3, 1, 1))
                .addInitializer(randomFloats("F", 73, 2, 4))
                .addNode(node("Dropout", "drop", in("x"), "d"))
                .addNode(node("Identity", "id", in("d"), "i"))
                .addNode(node("Reshape", "rs", in("i", "s"), "v"))
                .addNode(node("Conv", "c1", in("v", "W1"), "c1"))
                .addNode(node("Relu", "r1", in("c1"), "r1"))
                .addNode(opset >= 13 ? node("Unsqueeze", "un", in("r1", "ax2"), "u")
                        : node("Unsqueeze", "un", in("r1"), "u", intsAttr("axes", 2)))
                .addNode(node("Conv", "c2", in("u", "W2"), "c2"))
                .addNode(opset >= 13 ? node("Squeeze", "sq", in("c2", "ax2"), "q")
                        : node("Squeeze", "sq", in("c2"), "q", intsAttr("axes", 2)))
                .addNode(node("Flatten", "f", in("q"), "flat"))
                .addNode(node("Gemm", "fc", in("flat", "F"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = OrtAgreement.check(dir, "shape" + opset, Models.model(g, opset), 24);
        assertEquals("Conv Relu Conv Affine", kinds(net));
        assertEquals(3, ((Conv) net.node(0)).geometry().kernelW());
    }

    /** An NHWC input transposed to NCHW: a small permutation node before a Conv; folded into a Gemm. */
    @Test
    void transposeOfANhwcInputFoldsOrIsASmallPermutation() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("nhwc")
                .addInput(Models.floatInput("x", 1, 4, 4, 3))
                .addInitializer(randomFloats("W", 81, 2, 3, 3, 3))
                .addInitializer(randomFloats("F", 82, 3, 32))
                .addNode(node("Transpose", "t1", in("x"), "xt", intsAttr("perm", 0, 3, 1, 2)))
                .addNode(node("Conv", "c", in("xt", "W"), "c", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Relu", "r", in("c"), "r"))
                .addNode(node("Transpose", "t2", in("r"), "rt", intsAttr("perm", 0, 2, 3, 1)))
                .addNode(node("Flatten", "f", in("rt"), "flat"))
                .addNode(node("Gemm", "fc", in("flat", "F"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 3));
        Network net = OrtAgreement.check(dir, "nhwc", Models.model(g), 48);
        assertEquals("Affine Conv Relu Affine", kinds(net));

        GraphProto.Builder big = GraphProto.newBuilder().setName("nhwc-gemm")
                .addInput(Models.floatInput("x", 1, 32, 32, 3))
                .addInitializer(randomFloats("F", 83, 4, 3072))
                .addNode(node("Transpose", "t", in("x"), "xt", intsAttr("perm", 0, 3, 1, 2)))
                .addNode(node("Flatten", "f", in("xt"), "flat"))
                .addNode(node("Gemm", "fc", in("flat", "F"), "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, 4));
        assertEquals("Affine", kinds(OrtAgreement.check(dir, "nhwc-gemm", Models.model(big), 3072)));
    }

    /** Concat of two convolutions along the channel axis: one affine node reading both, then a Conv. */
    @Test
    void concatAlongChannelsOfTwoConvs() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("cat")
                .addInput(Models.floatInput("x", 1, 2, 4, 4))
                .addInitializer(randomFloats("W1", 91, 3, 2, 3, 3))
                .addInitializer(randomFloats("W2", 92, 1, 2, 1, 1))
                .addInitializer(randomFloats("W3", 93, 2, 4, 2, 2))
                .addNode(node("Conv", "c1", in("x", "W1"), "c1", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Conv", "c2", in("x", "W2"), "c2"))
                .addNode(node("Concat", "cat", in("c1", "c2"), "cat", intAttr("axis", 1)))
                .addNode(node("Relu", "r", in("cat"), "r"))
                .addNode(node("Conv", "c3", in("r", "W3"), "c3", intsAttr("strides", 2, 2)))
                .addNode(node("Flatten", "f", in("c3"), "y"))
                .addOutput(Models.floatInput("y", 1, 8));
        Network net = OrtAgreement.check(dir, "cat", Models.model(g), 32);
        assertEquals("Conv Conv Affine Relu Conv", kinds(net));
        assertEquals(2, net.node(2).from().length);
    }

    /** MatMul on a symbolic batch dimension, then Add of a bias: one affine node per layer. */
    @Test
    void matMulOnASymbolicBatch() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("mm")
                .addInput(Models.floatInput("x", -1, 5))
                .addInitializer(randomFloats("W1", 101, 5, 4))
                .addInitializer(randomFloats("b1", 102, 4))
                .addInitializer(randomFloats("W2", 103, 4, 2))
                .addNode(node("MatMul", "m1", in("x", "W1"), "h"))
                .addNode(node("Add", "a1", in("h", "b1"), "hb"))
                .addNode(node("Relu", "r", in("hb"), "r"))
                .addNode(node("MatMul", "m2", in("r", "W2"), "y"))
                .addOutput(Models.floatInput("y", -1, 2));
        assertEquals("Affine Relu Affine", kinds(OrtAgreement.check(dir, "mm", Models.model(g), 5)));
    }
}
