package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.dims;
import static org.relucert.io.onnx.Models.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;

/** Broken or unsupported ONNX models give one-line errors naming the file, node and operator. */
class OnnxReaderErrorsTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** x [1,2] -> Gemm(W [2,2], b) -> (op) -> y, with the given middle node. */
    private static GraphProto.Builder graph(org.relucert.io.onnx.proto.Onnx.NodeProto middle) {
        return GraphProto.newBuilder().setName("g")
                .addInput(Models.floatInput("x", 1, 2))
                .addInitializer(Models.floats("W", dims(2, 2), 1, 2, 3, 4))
                .addInitializer(Models.floats("b", dims(2), 0, 1))
                .addNode(node("Gemm", "fc", in("x", "W", "b"), "h"))
                .addNode(middle)
                .addOutput(Models.floatInput("y", 1, 2));
    }

    private String message(ModelProto model) throws IOException {
        return message(model.toByteArray());
    }

    private String message(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.onnx");
        Files.write(file, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void validModelOfThisShapeLoads() throws IOException {
        Path file = dir.resolve("ok.onnx");
        Files.write(file, Models.model(graph(node("Relu", "act", in("h"), "y"))).toByteArray());
        assertEquals(2, NetworkFiles.read(file).inputSize());
    }

    @Test
    void unsupportedOperatorNamesNodeAndOperator() throws IOException {
        String msg = message(Models.model(graph(node("Sigmoid", "act", in("h"), "y"))));
        assertTrue(msg.startsWith("node 'act' (Sigmoid): unsupported operator 'Sigmoid'"), msg);
    }

    @Test
    void productOfTwoNetworkValuesIsRejectedAsNonLinear() throws IOException {
        String msg = message(Models.model(graph(node("Mul", "sq", in("h", "h"), "y"))));
        assertEquals("node 'sq' (Mul): Mul of two input-dependent tensors is not linear", msg);
    }

    @Test
    void divisionByNetworkValueIsRejected() throws IOException {
        String msg = message(Models.model(graph(node("Div", "inv", in("b", "h"), "y"))));
        assertEquals("node 'inv' (Div): division by an input-dependent tensor is not linear", msg);
    }

    @Test
    void undefinedTensorIsNamed() throws IOException {
        String msg = message(Models.model(graph(node("Add", "plus", in("h", "nowhere"), "y"))));
        assertEquals("node 'plus' (Add): reads 'nowhere', which is not defined before it", msg);
    }

    @Test
    void tensorWithTooFewValuesIsNamed() throws IOException {
        GraphProto.Builder g = graph(node("Relu", "act", in("h"), "y"));
        g.setInitializer(0, Models.floats("W", dims(2, 2), 1, 2, 3));
        String msg = message(Models.model(g));
        assertEquals("initializer 'W': holds 3 values but its shape [2, 2] needs 4", msg);
    }

    @Test
    void unsupportedTensorTypeIsNamed() throws IOException {
        GraphProto.Builder g = graph(node("Relu", "act", in("h"), "y"));
        g.setInitializer(1, TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(2).addInt32Data(1).addInt32Data(2));
        String msg = message(Models.model(g));
        assertTrue(msg.startsWith("initializer 'b': data type INT8 is not supported"), msg);
    }

    @Test
    void secondGraphInputIsRejected() throws IOException {
        GraphProto.Builder g = graph(node("Relu", "act", in("h"), "y")).addInput(Models.floatInput("z", 1, 2));
        assertEquals("graph has 2 non-constant inputs; relucert networks have exactly one", message(Models.model(g)));
    }

    @Test
    void symbolicInnerDimensionIsRejected() throws IOException {
        GraphProto.Builder g = graph(node("Relu", "act", in("h"), "y"));
        g.setInput(0, Models.floatInput("x", 1, -1));
        assertTrue(message(Models.model(g)).startsWith("graph input 'x': dimension 2 (batch) is not supported"));
    }

    @Test
    void mismatchedMatrixShapesAreNamed() throws IOException {
        GraphProto.Builder g = graph(node("MatMul", "mm", in("h", "W3"), "y"))
                .addInitializer(Models.floats("W3", dims(3, 1), 1, 2, 3));
        assertEquals("node 'mm' (MatMul): MatMul shapes [1, 2] x [3, 1] do not match", message(Models.model(g)));
    }

    @Test
    void truncatedFileIsReportedAsInvalidModel() throws IOException {
        byte[] full = Models.model(graph(node("Relu", "act", in("h"), "y"))).toByteArray();
        String msg = message(Arrays.copyOf(full, full.length / 2));
        assertTrue(msg.startsWith("not a valid ONNX model (protobuf decoding failed:"), msg);
    }

    @Test
    void textFileIsNotAModel() throws IOException {
        String msg = message("{\"format\": \"relucert-net/1\"}".getBytes());
        assertTrue(msg.startsWith("not a "), msg);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.onnx");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRejectedNamingTheInitializer() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                    .addInput(Models.floatInput("x", 1, 2))
                    .addInitializer(Models.floats("W", dims(2, 2), 1, bad, 3, 4))
                    .addInitializer(Models.floats("b", dims(2), 0, 1))
                    .addNode(node("Gemm", "fc", in("x", "W", "b"), "h"))
                    .addNode(node("Relu", "act", in("h"), "y"))
                    .addOutput(Models.floatInput("y", 1, 2));
            String msg = message(Models.model(g));
            assertTrue(msg.contains("'W'") && msg.contains("entry 1 is " + (double) bad) && msg.contains("finite"), msg);
        }
    }
}
