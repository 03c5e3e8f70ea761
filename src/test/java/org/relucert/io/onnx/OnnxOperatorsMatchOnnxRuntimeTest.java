package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relucert.io.onnx.Models.dims;
import static org.relucert.io.onnx.Models.floatAttr;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.node;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.onnx.OnnxReaderMatchesOnnxRuntimeTest.OnnxRuntimeRunner;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.net.Affine;
import org.relucert.net.Network;
import org.relucert.net.Relu;

/**
 * Hand-built models that exercise every supported operator and attribute; the network read from each
 * must compute what onnxruntime computes.
 */
class OnnxOperatorsMatchOnnxRuntimeTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** Sub/Div normalisation, Flatten, MatMul+Add, Relu, Reshape by a Constant, Gemm with alpha/beta, Identity, Mul. */
    @Test
    void normalisationAndGemmAttributesFoldIntoTwoAffineNodes() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("a")
                .addInput(Models.floatInput("x", 1, 1, 1, 4))
                .addInitializer(Models.rawFloats("mean", dims(4), 0.5, -1, 2, 0.25))
                .addInitializer(Models.floats("std", dims(4), 2, 0.5, 4, 1))
                .addInitializer(Models.rawFloats("W", dims(4, 3), 1, -2, 0.5, 0.3, 0.7, -1, -0.4, 1.5, 2, 0.9, -0.1, 0.2))
                .addInitializer(Models.floats("b", dims(3), 0.1, -0.2, 0.3))
                .addInitializer(Models.rawFloats("B", dims(2, 3), 1, 2, 3, -1, 0.5, -2))
                .addInitializer(Models.floats("C", dims(2), 0.25, -0.5))
                .addInitializer(Models.floats("three", dims(), 3))
                .addNode(node("Sub", "centre", in("x", "mean"), "xc"))
                .addNode(node("Div", "scale", in("xc", "std"), "xs"))
                .addNode(node("Flatten", "flat", in("xs"), "xf"))
                .addNode(node("MatMul", "mm", in("xf", "W"), "h"))
                .addNode(node("Add", "bias", in("h", "b"), "hb"))
                .addNode(node("Relu", "relu", in("hb"), "r"))
                .addNode(node("Constant", "shape", in(), "s", Models.tensorAttr("value", Models.int64s("s", 1, 3))))
                .addNode(node("Reshape", "reshape", in("r", "s"), "rr"))
                .addNode(node("Gemm", "gemm", in("rr", "B", "C"), "y0", floatAttr("alpha", 0.5),
                        floatAttr("beta", 2), intAttr("transB", 1)))
                .addNode(node("Identity", "id", in("y0"), "y1"))
                .addNode(node("Mul", "triple", in("three", "y1"), "y"))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = compare(Models.model(g), 4, 1);
        assertEquals(3, net.nodes().size());
        assertEquals(Affine.class, net.node(0).getClass());
        assertEquals(Relu.class, net.node(1).getClass());
        assertEquals("hb", net.node(0).name());
        assertEquals("y", net.nameOf(net.output()));
    }

    /** Gemm with transA on a column input, constant minus value, Concat skip connection, Gemm without transB. */
    @Test
    void transposedGemmAndConcatSkipConnection() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("b")
                .addInput(Models.floatInput("x", 4, 1))
                .addInitializer(Models.floats("B", dims(4, 3), 1, -2, 0.5, 0.3, 0.7, -1, -0.4, 1.5, 2, 0.9, -0.1, 0.2))
                .addInitializer(Models.floats("c", dims(3), 1, 0, -1))
                .addInitializer(Models.int64s("shape", 1, -1))
                .addInitializer(Models.rawFloats("D", dims(7, 2), 1, 2, 3, 4, 5, 6, 7, -1, -2, -3, -4, -5, -6, -7))
                .addInitializer(Models.floats("E", dims(1, 2), 0.5, -0.5))
                .addNode(node("Gemm", "g1", in("x", "B"), "h", intAttr("transA", 1)))
                .addNode(node("Relu", "r1", in("h"), "r"))
                .addNode(node("Sub", "flip", in("c", "r"), "f"))
                .addNode(node("Reshape", "rs", in("x", "shape"), "xr"))
                .addNode(node("Concat", "cat", in("f", "xr"), "cat", intAttr("axis", 1)))
                .addNode(node("Gemm", "g2", in("cat", "D", "E"), "y"))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = compare(Models.model(g), 4, 2);
        Affine out = (Affine) net.node(net.output());
        assertEquals(2, out.from().length);
    }

    /** Double precision, a constant on the left of MatMul with a 1-D operand, Add of two network values. */
    @Test
    void doubleModelWithConstantLeftMatMulAndResidualAdd() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("c")
                .addInput(Models.info("x", TensorProto.DataType.DOUBLE_VALUE, -1, 3))
                .addInitializer(Models.doubles("A", dims(3, 3), 1, 2, 3, -1, 0.5, 0.25, 2, -3, 1))
                .addInitializer(Models.int64s("flat", 3))
                .addInitializer(Models.doubles("k", dims(1), -2))
                .addNode(node("Reshape", "rs", in("x", "flat"), "v"))
                .addNode(node("MatMul", "mm", in("A", "v"), "h"))
                .addNode(node("Relu", "r", in("h"), "r"))
                .addNode(node("Mul", "neg", in("r", "k"), "n"))
                .addNode(node("Add", "res", in("n", "v"), "y"))
                .addOutput(Models.info("y", TensorProto.DataType.DOUBLE_VALUE, 3));
        compare(Models.model(g), 3, 3);
    }

    /** An image-shaped input [1,1,2,3] is flattened row-major; two Relus of one tensor share its affine node. */
    @Test
    void imageInputFlattensRowMajorAndSharedPreActivationIsOneNode() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("d")
                .addInput(Models.floatInput("img", 1, 1, 2, 3))
                .addInitializer(Models.rawFloats("W", dims(2, 6), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, -1))
                .addInitializer(Models.floats("half", dims(), 0.5))
                .addNode(node("Flatten", "flat", in("img"), "v"))
                .addNode(node("Gemm", "fc", in("v", "W"), "h", intAttr("transB", 1)))
                .addNode(node("Relu", "r1", in("h"), "a"))
                .addNode(node("Relu", "r2", in("h"), "b"))
                .addNode(node("Mul", "m", in("b", "half"), "c"))
                .addNode(node("Add", "sum", in("a", "c"), "y"))
                .addOutput(Models.floatInput("y", 1, 2));
        Network net = compare(Models.model(g), 6, 4);
        assertEquals(4, net.nodes().size());
        double[] y = net.evaluate(new double[] {3, 0, 0, 0, 1, 5});
        assertEquals(4.5, y[0]);
        assertEquals(0.0, y[1]);
    }

    private Network compare(ModelProto model, int inputs, long seed) throws IOException, OrtException {
        Path file = dir.resolve("m" + seed + ".onnx");
        Files.write(file, model.toByteArray());
        Network net = OnnxReader.read(file);
        assertEquals(inputs, net.inputSize());
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(file)) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int t = 0; t < 20; t++) {
                double[] x = new double[inputs];
                for (int i = 0; i < inputs; i++) {
                    x[i] = ort.isFloat() ? (float) rnd.nextDouble(-3, 3) : rnd.nextDouble(-3, 3);
                }
                double[] expected = ort.run(x);
                double[] actual = net.evaluate(x);
                assertEquals(expected.length, actual.length);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], 1e-4 * Math.max(1, Math.abs(expected[j])), "output " + j);
                }
            }
        }
        return net;
    }
}
