package org.relucert.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.InvalidInputException;
import org.relucert.Limits;
import org.relucert.io.NetJson;
import org.relucert.io.onnx.OnnxReader;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;
import org.relucert.io.onnx.proto.Onnx.OperatorSetIdProto;
import org.relucert.io.onnx.proto.Onnx.TensorProto;
import org.relucert.io.onnx.proto.Onnx.TensorShapeProto;
import org.relucert.io.onnx.proto.Onnx.TypeProto;
import org.relucert.io.onnx.proto.Onnx.ValueInfoProto;

/**
 * Every input on which fuzzing found a crash (src/test/resources/fuzz-regressions/&lt;reader&gt;/) is now read
 * or refused cleanly: a JSON conv kernel of 10^9 x 2 declared with one weight (OutOfMemoryError before),
 * ONNX names with line breaks and control characters in messages (messages spanning lines before), and
 * huge declared tensors refused by {@link Limits} before memory runs out, with limits set by system
 * properties.
 */
class CrashesFoundByFuzzingStayFixedTest {

    static Stream<Path> saved() throws IOException, URISyntaxException {
        Path dir = Path.of(CrashesFoundByFuzzingStayFixedTest.class.getResource("/fuzz-regressions").toURI());
        return Files.walk(dir).filter(p -> p.toString().endsWith(".bin")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("saved")
    void aSavedCrashIsHandled(Path file) throws IOException {
        String reader = file.getParent().getFileName().toString().toUpperCase(Locale.ROOT);
        byte[] data = Files.readAllBytes(file);
        // the fuzzing oracle's hang limit (inputs found slower than that are saved too)
        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Readers.valueOf(reader).crash(data)));
    }

    private static ValueInfoProto tensor(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /** A 3x1000x1000 input and a 64-channel 3x3 convolution: 64 million output entries. */
    private static byte[] bigConv() {
        TensorProto.Builder w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(List.of(64L, 3L, 3L, 3L));
        for (int i = 0; i < 64 * 27; i++) {
            w.addFloatData(0.1f);
        }
        GraphProto g = GraphProto.newBuilder().setName("g").addInput(tensor("x", 1, 3, 1000, 1000))
                .addOutput(tensor("y")).addInitializer(w)
                .addNode(NodeProto.newBuilder().setOpType("Conv").addInput("x").addInput("w").addOutput("c"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("c").addOutput("y")).build();
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray();
    }

    private static TensorProto floats(String name, List<Long> dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(dims);
        long n = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        for (int i = 0; i < n; i++) {
            t.addFloatData(0.5f + i);
        }
        return t.build();
    }

    /** x (1x4) times B (4x5) plus a bias C of the given shape; then Add of a constant of shape {@code addShape}. */
    private static byte[] gemm(List<Long> biasShape, List<Long> addShape) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(tensor("x", 1, 4)).addOutput(tensor("y"))
                .addInitializer(floats("b", List.of(4L, 5L))).addInitializer(floats("c", biasShape))
                .addInitializer(floats("k", addShape))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").addInput("x").addInput("b").addInput("c")
                        .addOutput("h"))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("h").addInput("k").addOutput("y"));
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray();
    }

    /**
     * The long fuzzing run's two ArrayIndexOutOfBounds in {@code Shapes.broadcastTo} (the files were lost; the
     * shapes are these): a Gemm bias C that does not broadcast to the output, C of shape [3] for an output of
     * [1, 5] (read past C's 3 values) and C of rank 3 (a negative stride index). Now refused naming the node.
     */
    @Test
    void aGemmBiasThatDoesNotBroadcastIsRefused() {
        for (List<Long> c : List.of(List.of(3L), List.of(1L, 1L, 5L), List.of(2L, 5L))) {
            byte[] model = gemm(c, List.of(1L));
            assertNull(Readers.ONNX.crash(model), c.toString());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxReader.parse(model, "g.onnx"));
            assertTrue(e.getMessage().contains("does not broadcast to [1, 5]"), e.getMessage());
        }
        assertEquals(5, OnnxReader.parse(gemm(List.of(5L), List.of(1L, 5L)), "g.onnx").outputSize());
        assertEquals(5, OnnxReader.parse(gemm(List.of(1L, 1L), List.of(5L)), "g.onnx").outputSize());
    }

    @Test
    void aHugeDeclaredTensorIsRefusedNamingTheLimit() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxReader.parse(bigConv(), "big.onnx"));
        assertTrue(e.getMessage().startsWith("big.onnx: ") && e.getMessage().contains(Limits.MAX_ENTRIES), e.getMessage());
    }

    @Test
    void theLimitsAreSetBySystemProperties() throws IOException {
        String json = "{\"format\": \"relucert-net/1\", \"inputs\": 2, \"nodes\": [{\"name\": \"h\", \"op\": \"conv\","
                + " \"from\": [\"input\"], \"input_shape\": [1, 1, 2], \"kernel\": [1, 2], \"weight\": [[[[1, 2]]]],"
                + " \"bias\": [0]}], \"output\": \"h\"}";
        assertEquals(1, NetJson.parse(json, "n.json").outputSize());
        Path file = Files.createTempFile("limits", ".json");
        Files.writeString(file, json);
        try {
            System.setProperty(Limits.MAX_ENTRIES, "1");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetJson.parse(json, "n.json"));
            assertTrue(e.getMessage().contains("exceeds the limit of 1"), e.getMessage());
            System.setProperty(Limits.MAX_FILE_BYTES, "100");
            e = assertThrows(InvalidInputException.class, () -> NetJson.read(file));
            assertTrue(e.getMessage().contains("exceeds the file size limit of 100"), e.getMessage());
        } finally {
            System.clearProperty(Limits.MAX_ENTRIES);
            System.clearProperty(Limits.MAX_FILE_BYTES);
            Files.delete(file);
        }
    }

    /**
     * The long run's slow VNN-LIB inputs (over 20 s): atoms of tens of thousands of digits followed by another
     * character, on which the number pattern backtracked quadratically. Now read or refused at once.
     */
    @Test
    void aLongDigitRunIsReadInLinearTime() {
        String digits = "1".repeat(40_000);
        String head = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (>= X_0 -1))\n(assert (<= X_0 1))\n";
        for (String atom : List.of(digits + "-1e308", digits + "x", "-" + digits + "." + digits + "e-9999e")) {
            InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                    InvalidInputException.class, () -> VnnLibReader.parse(head + "(assert (<= Y_0 " + atom + "))\n", "p.vnnlib")));
            assertTrue(e.getMessage().startsWith("p.vnnlib:5:"), e.getMessage());
        }
        assertEquals(1, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> VnnLibReader.parse(head + "(assert (<= Y_0 -0." + digits + "))\n", "p.vnnlib")).cases().size());
    }

    @Test
    void messagesStayOnOneLine() {
        assertEquals("a\\nb\\u0000c", new InvalidInputException("a\nb\u0000c").getMessage());
    }
}
