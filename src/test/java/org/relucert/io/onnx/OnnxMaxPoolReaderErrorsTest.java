package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.stringAttr;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;

/**
 * What the ReLU form of MaxPool cannot express is refused with a one-line error naming the file, the node
 * and the operator: windows entirely in the padding (their max is -inf), storage_order, the Indices output,
 * 3-D pooling.
 */
class OnnxMaxPoolReaderErrorsTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** x [1,2,4,4] -> node -> y. */
    private static GraphProto.Builder graph(NodeProto n) {
        return GraphProto.newBuilder().setName("g").addInput(Models.floatInput("x", 1, 2, 4, 4)).addNode(n)
                .addOutput(Models.floatInput("y", 1, 2, 2, 2));
    }

    /** The message after "file: ", checked to be one line. */
    private String message(GraphProto.Builder g) throws Exception {
        Path file = dir.resolve("bad.onnx");
        Files.write(file, Models.model(g).toByteArray());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    private static void assertStarts(String msg, String prefix) {
        assertTrue(msg.startsWith(prefix), "'" + msg + "' should start with '" + prefix + "'");
    }

    @Test
    void aWindowEntirelyInThePaddingIsRefused() throws Exception {
        String msg = message(graph(node("MaxPool", "pool", in("x"), "y", intsAttr("kernel_shape", 2, 2),
                intsAttr("pads", 2, 2, 2, 2), intsAttr("strides", 2, 2))));
        assertStarts(msg, "node 'pool' (MaxPool): window (0, 0) lies entirely in the padding");
    }

    @Test
    void storageOrderIsRefused() throws Exception {
        String msg = message(graph(node("MaxPool", "pool", in("x"), "y", intsAttr("kernel_shape", 2, 2),
                intsAttr("strides", 2, 2), intAttr("storage_order", 1))));
        assertStarts(msg, "node 'pool' (MaxPool): storage_order=1 is not supported");
    }

    @Test
    void ceilModeOtherThanZeroOrOneIsRefused() throws Exception {
        String msg = message(graph(node("MaxPool", "pool", in("x"), "y", intsAttr("kernel_shape", 2, 2),
                intsAttr("strides", 2, 2), intAttr("ceil_mode", 2))));
        assertStarts(msg, "node 'pool' (MaxPool): ceil_mode must be 0 or 1, got 2");
    }

    @Test
    void theIndicesOutputIsRefusedEvenWhenUnused() throws Exception {
        String msg = message(graph(node("MaxPool", "pool", in("x"), new String[] {"y", "idx"},
                intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2))));
        assertStarts(msg, "node 'pool' (MaxPool): the Indices output (output 2, 'idx') is not supported");
    }

    @Test
    void threeDimensionalPoolingIsRefused() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(Models.floatInput("x", 1, 2, 4, 4, 4))
                .addNode(node("MaxPool", "pool3d", in("x"), "y", intsAttr("kernel_shape", 2, 2, 2)))
                .addOutput(Models.floatInput("y", 1, 2, 3, 3, 3));
        assertStarts(message(g), "node 'pool3d' (MaxPool): MaxPool input must be [1, C, H, W] or [1, C, L] (batch 1), "
                + "got [1, 2, 4, 4, 4]");
    }

    @Test
    void kernelShapeOfTheWrongLengthIsRefused() throws Exception {
        String msg = message(graph(node("MaxPool", "pool", in("x"), "y", intsAttr("kernel_shape", 2))));
        assertStarts(msg, "node 'pool' (MaxPool): MaxPool needs kernel_shape with 2 entries");
    }

    @Test
    void globalMaxPoolIsStillAnUnsupportedOperator() throws Exception {
        String msg = message(graph(node("GlobalMaxPool", "gmp", in("x"), "y")));
        assertStarts(msg, "node 'gmp' (GlobalMaxPool): unsupported operator 'GlobalMaxPool' (supported: ");
        assertTrue(msg.contains("MaxPool,"), msg);
    }
}
