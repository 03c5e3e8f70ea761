package org.relucert.io.onnx;

import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.randomFloats;

import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;

/** Hand-built models with a MaxPool, shared by the agreement and soundness tests. */
final class MaxPoolModels {
    private MaxPoolModels() {
    }

    /**
     * x [1, c, h, w] -> Conv (k channels, 3x3, pads 1) -> Relu -> MaxPool 2x2 stride 2 -> Flatten -> Gemm to
     * {@code outputs} entries.
     */
    static ModelProto convReluPoolGemm(int c, int h, int w, int k, int outputs) {
        int pooled = k * (h / 2) * (w / 2);
        GraphProto.Builder g = GraphProto.newBuilder().setName("cnn")
                .addInput(Models.floatInput("x", 1, c, h, w))
                .addInitializer(randomFloats("W", 71, k, c, 3, 3))
                .addInitializer(randomFloats("B", 72, k))
                .addInitializer(randomFloats("F", 73, outputs, pooled))
                .addInitializer(randomFloats("G", 74, outputs))
                .addNode(node("Conv", "conv", new String[] {"x", "W", "B"}, "c", intsAttr("pads", 1, 1, 1, 1)))
                .addNode(node("Relu", "relu", new String[] {"c"}, "r"))
                .addNode(node("MaxPool", "pool", new String[] {"r"}, "p", intsAttr("kernel_shape", 2, 2),
                        intsAttr("strides", 2, 2)))
                .addNode(node("Flatten", "flat", new String[] {"p"}, "f"))
                .addNode(node("Gemm", "fc", new String[] {"f", "F", "G"}, "y", intAttr("transB", 1)))
                .addOutput(Models.floatInput("y", 1, outputs));
        return Models.model(g);
    }

    /** x [1, 1, 1, n] -> MaxPool kernel 1 x n -> Flatten: max(x_1, ..., x_n). */
    static ModelProto maxOfRow(int n) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("max" + n)
                .addInput(Models.floatInput("x", 1, 1, 1, n))
                .addNode(node("MaxPool", "pool", new String[] {"x"}, "p", intsAttr("kernel_shape", 1, n)))
                .addNode(node("Flatten", "flat", new String[] {"p"}, "y"))
                .addOutput(Models.floatInput("y", 1, 1));
        return Models.model(g);
    }
}
