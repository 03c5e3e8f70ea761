package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.dims;
import static org.relucert.io.onnx.Models.floatAttr;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.randomFloats;
import static org.relucert.io.onnx.Models.stringAttr;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.NodeProto;

/** Refused convolutional operators and attributes give one-line errors naming the file, node and operator. */
class OnnxConvReaderErrorsTest {

    @TempDir
    Path dir;

    private static String[] in(String... names) {
        return names;
    }

    /** x [1,2,4,4] -> (nodes) -> y. */
    private static GraphProto.Builder graph(NodeProto... nodes) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(Models.floatInput("x", 1, 2, 4, 4))
                .addInitializer(randomFloats("W", 1, 3, 2, 3, 3))
                .addOutput(Models.floatInput("y", 1, 3, 2, 2));
        for (NodeProto n : nodes) {
            g.addNode(n);
        }
        return g;
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

    private static void assertMentions(String msg, String... parts) {
        for (String p : parts) {
            assertTrue(msg.contains(p), "'" + msg + "' should mention '" + p + "'");
        }
    }

    @Test
    void padModesOtherThanConstantAreRefused() throws Exception {
        GraphProto.Builder g = graph(node("Pad", "pad", in("x", "p"), "y", stringAttr("mode", "reflect")))
                .addInitializer(Models.int64s("p", 0, 0, 1, 1, 0, 0, 1, 1));
        assertStarts(message(g), "node 'pad' (Pad): Pad mode 'reflect' is not supported");
    }

    @Test
    void padWithANonZeroValueIsRefused() throws Exception {
        GraphProto.Builder g = graph(node("Pad", "pad", in("x", "p", "v"), "y"))
                .addInitializer(Models.int64s("p", 0, 0, 1, 1, 0, 0, 1, 1))
                .addInitializer(Models.floats("v", dims(), 1.5));
        assertStarts(message(g), "node 'pad' (Pad): Pad with value 1.5 is not supported");
    }

    @Test
    void negativePadsAreRefused() throws Exception {
        GraphProto.Builder g = graph(node("Pad", "crop", in("x", "p"), "y"))
                .addInitializer(Models.int64s("p", 0, 0, -1, 0, 0, 0, 0, 0));
        assertStarts(message(g), "node 'crop' (Pad): negative pads (cropping) are not supported");
    }

    @Test
    void unknownAutoPadIsRefused() throws Exception {
        String msg = message(graph(node("Conv", "c", in("x", "W"), "y", stringAttr("auto_pad", "SAME_MIDDLE"))));
        assertStarts(msg, "node 'c' (Conv): auto_pad 'SAME_MIDDLE' is not supported");
    }

    @Test
    void inputDependentWeightIsRefused() throws Exception {
        String msg = message(graph(node("Conv", "c", in("x", "x"), "y")));
        assertStarts(msg, "node 'c' (Conv): the weight (input 2) must be constant");
    }

    @Test
    void weightOfTheWrongChannelCountIsNamed() throws Exception {
        GraphProto.Builder g = graph(node("Conv", "c", in("x", "W5"), "y"))
                .addInitializer(randomFloats("W5", 2, 3, 5, 3, 3));
        assertMentions(message(g), "node 'c' (Conv)", "[3, 5, 3, 3]", "2 input channels");
    }

    @Test
    void kernelLargerThanTheInputIsNamed() throws Exception {
        GraphProto.Builder g = graph(node("Conv", "c", in("x", "W9"), "y"))
                .addInitializer(randomFloats("W9", 3, 3, 2, 9, 9));
        assertMentions(message(g), "node 'c' (Conv)", "9x9 kernel", "does not fit the 4x4 input");
    }

    @Test
    void convOfAFlatVectorIsRefused() throws Exception {
        GraphProto.Builder g = graph(node("Flatten", "f", in("x"), "flat"), node("Conv", "c", in("flat", "W"), "y"));
        assertMentions(message(g), "node 'c' (Conv)", "must be [1, C, H, W] or [1, C, L]", "[1, 32]");
    }

    @Test
    void addOfComputedTensorsThatWouldBroadcastIsRefused() throws Exception {
        GraphProto.Builder g = graph(node("Flatten", "f", in("x"), "flat"),
                node("Reshape", "rs", in("flat", "s"), "col"),
                node("Add", "plus", in("flat", "col"), "y"))
                .addInitializer(Models.int64s("s", 32, 1));
        assertStarts(message(g), "node 'plus' (Add): Add of two computed tensors of shapes [1, 32] and [32, 1] "
                + "would broadcast one of them");
    }

    @Test
    void batchNormalizationInTrainingModeIsRefused() throws Exception {
        GraphProto.Builder g = graph(node("BatchNormalization", "bn", in("x", "s", "b", "m", "v"), "y",
                intAttr("training_mode", 1), floatAttr("epsilon", 1e-5)));
        for (String p : new String[] {"s", "b", "m", "v"}) {
            g.addInitializer(Models.floats(p, dims(2), 1, 1));
        }
        assertStarts(message(g), "node 'bn' (BatchNormalization): training_mode=1 is not supported");
    }

    @Test
    void usedDropoutMaskIsRefused() throws Exception {
        GraphProto.Builder g = graph(node("Dropout", "drop", in("x"), new String[] {"d", "mask"}),
                node("Relu", "act", in("mask"), "y"));
        assertStarts(message(g), "node 'drop' (Dropout): output 2 ('mask') is used, but only the first output");
    }
}
