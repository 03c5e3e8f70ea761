package org.relucert.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;
import org.relucert.io.onnx.proto.Onnx.OperatorSetIdProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorShapeProto;
import org.relucert.io.onnx.proto.Onnx.TypeProto;
import org.relucert.io.onnx.proto.Onnx.ValueInfoProto;

/**
 * Conv's semantics (ONNX layout: pads top, left, bottom, right; weight [out][in/groups][kh][kw]) agree with
 * onnxruntime's Conv operator, an independent implementation, on random geometries (kernels 1-4, strides
 * 1-3, padding 0-3 per side, dilation 1-3, groups), 2-D and 1-D (an ONNX 1-D Conv against height 1).
 * Weights and inputs are multiples of 1/8 below 2 in magnitude, so float arithmetic is exact and the
 * outputs must agree exactly.
 */
class ConvMatchesOnnxRuntimeTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void convolutionEqualsOnnxRuntimeConv(long seed) throws OrtException {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean oneD = seed % 3 == 0;
        int groups = 1 + rnd.nextInt(3);
        int inC = groups * (1 + rnd.nextInt(2));
        int outC = groups * (1 + rnd.nextInt(2));
        int h = oneD ? 1 : 1 + rnd.nextInt(7);
        int w = 1 + rnd.nextInt(9);
        int kh = oneD ? 1 : 1 + rnd.nextInt(4);
        int kw = 1 + rnd.nextInt(4);
        int sh = oneD ? 1 : 1 + rnd.nextInt(3);
        int sw = 1 + rnd.nextInt(3);
        int dh = oneD ? 1 : 1 + rnd.nextInt(3);
        int dw = 1 + rnd.nextInt(3);
        int[] pad = {oneD ? 0 : rnd.nextInt(4), rnd.nextInt(4), oneD ? 0 : rnd.nextInt(4), rnd.nextInt(4)};
        // Make the dilated kernel fit the padded input, as ONNX requires.
        while (dh * (kh - 1) + 1 > h + pad[0] + pad[2]) {
            pad[2]++;
        }
        while (dw * (kw - 1) + 1 > w + pad[1] + pad[3]) {
            pad[3]++;
        }
        double[] weight = eighths(rnd, outC * (inC / groups) * kh * kw);
        double[] bias = eighths(rnd, outC);
        Conv conv = new Conv("c", Network.INPUT, new int[] {inC, h, w},
                new Conv.Geometry(kh, kw, sh, sw, pad[0], pad[1], pad[2], pad[3], dh, dw, groups), weight, bias);
        int[] out = conv.shape();
        long[] inDims = oneD ? new long[] {1, inC, w} : new long[] {1, inC, h, w};
        long[] weightDims = oneD ? new long[] {outC, inC / groups, kw} : new long[] {outC, inC / groups, kh, kw};
        long[] outDims = oneD ? new long[] {1, outC, out[2]} : new long[] {1, outC, out[1], out[2]};
        NodeProto.Builder node = NodeProto.newBuilder().setOpType("Conv").setName("conv")
                .addInput("x").addInput("w").addInput("b").addOutput("y")
                .addAttribute(ints("kernel_shape", oneD ? new long[] {kw} : new long[] {kh, kw}))
                .addAttribute(ints("strides", oneD ? new long[] {sw} : new long[] {sh, sw}))
                .addAttribute(ints("dilations", oneD ? new long[] {dw} : new long[] {dh, dw}))
                .addAttribute(ints("pads", oneD ? new long[] {pad[1], pad[3]}
                        : new long[] {pad[0], pad[1], pad[2], pad[3]}))
                .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT)
                        .setI(groups));
        GraphProto.Builder graph = GraphProto.newBuilder().setName("g").addNode(node)
                .addInitializer(tensor("w", weightDims, weight)).addInitializer(tensor("b", new long[] {outC}, bias))
                .addInput(info("x", inDims)).addOutput(info("y", outDims));
        ModelProto model = ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph).build();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions())) {
            for (int trial = 0; trial < 3; trial++) {
                double[] x = eighths(rnd, inC * h * w);
                float[] xf = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    xf[i] = (float) x[i];
                }
                double[] expected;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(xf), inDims);
                     OrtSession.Result r = session.run(Map.of("x", t))) {
                    FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    expected = new double[b.remaining()];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = b.get(i);
                    }
                }
                String what = conv + " " + conv.geometry() + " at " + Arrays.toString(x);
                assertArrayEquals(expected, conv.evaluate(new double[][] {x}), what);
                assertArrayEquals(expected, DenseLowering.lower(conv).evaluate(new double[][] {x}), 1e-12,
                        "dense lowering of " + what);
            }
        }
    }

    /** Multiples of 1/8 in [-2, 2]: products and sums of a few of them are exact in float. */
    private static double[] eighths(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextInt(33) - 16) / 8.0;
        }
        return v;
    }

    private static AttributeProto ints(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto tensor(String name, long[] dims, double[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (double v : values) {
            t.addFloatData((float) v);
        }
        return t.build();
    }

    private static ValueInfoProto info(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
