package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.stringAttr;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.InvalidInputException;
import org.relucert.cli.Main;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;

/**
 * Pooling attributes that define no pooling (zero stride or kernel, a window larger than the padded input,
 * count_include_pad or ceil_mode other than 0 and 1, an average over a window entirely in the padding) or
 * that ONNX and onnxruntime read differently (auto_pad with a shape-changing ceil_mode) are refused with a
 * one-line error naming the file, the node and the operator, and exit code 2 through the CLI.
 */
class PoolingAttributeErrorsNameTheNodeTest {

    @TempDir
    Path dir;

    /** x [1,2,4,4] -> op -> y. */
    private Path model(String op, AttributeProto... attrs) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(Models.floatInput("x", 1, 2, 4, 4))
                .addNode(node(op, "pool", new String[] {"x"}, "y", attrs))
                .addOutput(Models.floatInput("y", 1, 2, 2, 2));
        Path file = dir.resolve("bad.onnx");
        Files.write(file, Models.model(g).toByteArray());
        return file;
    }

    /** The message after "file: node 'pool' (op): ", checked to be one line. */
    private String message(String op, AttributeProto... attrs) throws Exception {
        Path file = model(op, attrs);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file));
        String prefix = file + ": node 'pool' (" + op + "): ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    private static void assertStarts(String msg, String start) {
        assertTrue(msg.startsWith(start), "'" + msg + "' should start with '" + start + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AveragePool", "MaxPool"})
    void aZeroStrideIsRefused(String op) throws Exception {
        assertStarts(message(op, intsAttr("kernel_shape", 2, 2), intsAttr("strides", 0, 1)),
                "kernel_shape, strides and dilations must be positive, got kernel 2, stride 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AveragePool", "MaxPool"})
    void aZeroKernelIsRefused(String op) throws Exception {
        assertStarts(message(op, intsAttr("kernel_shape", 2, 0)),
                "kernel_shape, strides and dilations must be positive, got kernel 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AveragePool", "MaxPool"})
    void aKernelLargerThanThePaddedInputIsRefused(String op) throws Exception {
        assertStarts(message(op, intsAttr("kernel_shape", 6, 2), intsAttr("pads", 0, 0, 1, 0)),
                "the pooling window (6) does not fit the padded input (5)");
    }

    @Test
    void countIncludePadOtherThanZeroOrOneIsRefused() throws Exception {
        assertStarts(message("AveragePool", intsAttr("kernel_shape", 2, 2), intAttr("count_include_pad", 2)),
                "count_include_pad must be 0 or 1, got 2");
    }

    @Test
    void ceilModeOtherThanZeroOrOneIsRefused() throws Exception {
        assertStarts(message("AveragePool", intsAttr("kernel_shape", 2, 2), intAttr("ceil_mode", -1)),
                "ceil_mode must be 0 or 1, got -1");
    }

    @Test
    void anAverageOverAWindowEntirelyInThePaddingIsRefused() throws Exception {
        assertStarts(message("AveragePool", intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2),
                intsAttr("pads", 2, 0, 0, 0)), "window (0, 0) lies entirely in the padding: with "
                + "count_include_pad=0 its average divides by zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AveragePool", "MaxPool"})
    void ceilModeThatWouldChangeAnAutoPadShapeIsRefused(String op) throws Exception {
        Path file = model(op, intsAttr("kernel_shape", 3, 3), intsAttr("strides", 2, 2), intAttr("ceil_mode", 1),
                stringAttr("auto_pad", "VALID"));
        String msg = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file)).getMessage();
        assertTrue(msg.contains("node 'pool' (" + op + "): ceil_mode=1 with auto_pad VALID is not supported"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AveragePool", "MaxPool"})
    void autoPadSameThatWouldPadTheStartNegativelyIsRefused(String op) throws Exception {
        // 4 rows, kernel 1, stride 4: out 1, pad (1-1)*4 + 1 - 4 = -3, split -1 / -2 by SAME_UPPER
        Path file = model(op, intsAttr("kernel_shape", 1, 1), intsAttr("strides", 4, 1),
                stringAttr("auto_pad", "SAME_UPPER"));
        String msg = assertThrows(InvalidInputException.class, () -> NetworkFiles.read(file)).getMessage();
        assertTrue(msg.contains("node 'pool' (" + op + "): auto_pad SAME_UPPER with stride 4 over a window of 1 on 4 "
                + "entries pads the start by -1"), msg);
    }

    @Test
    void aZeroStrideWithAutoPadSameIsRefused() throws Exception {
        assertStarts(message("AveragePool", intsAttr("kernel_shape", 2, 2), intsAttr("strides", 1, 0),
                stringAttr("auto_pad", "SAME_LOWER")), "strides must be positive, got [1, 0]");
    }

    @Test
    void ceilModeThatKeepsAnAutoPadShapeIsRead() throws Exception {
        // 4x4, 2x2 stride 2: VALID gives 2x2 with either rule
        Path file = model("AveragePool", intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2),
                intAttr("ceil_mode", 1), stringAttr("auto_pad", "VALID"));
        assertEquals(8, NetworkFiles.read(file).outputSize());
    }

    @Test
    void theCliExitsWithCode2AndOneLineNamingTheNode() throws Exception {
        Path file = model("AveragePool", intsAttr("kernel_shape", 2, 2), intsAttr("strides", 0, 0));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"convert", file.toString(), "-o", dir.resolve("out.json").toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code, err.toString());
        String text = err.toString().strip();
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.contains("node 'pool' (AveragePool): kernel_shape, strides and dilations must be positive"),
                text);
        assertFalse(Files.exists(dir.resolve("out.json")), "nothing written");
    }
}
