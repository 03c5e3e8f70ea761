package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relucert.io.onnx.Models.intAttr;
import static org.relucert.io.onnx.Models.intsAttr;
import static org.relucert.io.onnx.Models.node;
import static org.relucert.io.onnx.Models.stringAttr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.bounds.Analysis;
import org.relucert.domains.Domains;
import org.relucert.io.onnx.proto.Onnx.AttributeProto;
import org.relucert.io.onnx.proto.Onnx.GraphProto;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.Sampler;
import org.relucert.net.Select;

/**
 * MaxPool with padding (-inf in ONNX: border windows are partial), auto_pad SAME and ceil_mode=1 is lowered
 * through gathers of each window's valid entries: the network read agrees with onnxruntime, and the bounds
 * of the domains contain sampled outputs.
 */
class OnnxMaxPoolPaddingMatchesOnnxRuntimeTest {

    @TempDir
    Path dir;

    private static long[] longs(String spaced) {
        String[] parts = spaced.trim().split(" +");
        long[] v = new long[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(parts[i]);
        }
        return v;
    }

    /** x [1, C, H, W] (or [1, C, W] when h = 0) -> MaxPool -> Flatten -> y. */
    private static ModelProto model(int c, int h, int w, String kernel, String strides, String pads, int ceil,
                                    String autoPad, int outputs) {
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(intsAttr("kernel_shape", longs(kernel)));
        attrs.add(intsAttr("strides", longs(strides)));
        if (pads != null) {
            attrs.add(intsAttr("pads", longs(pads)));
        }
        if (autoPad != null) {
            attrs.add(stringAttr("auto_pad", autoPad));
        }
        attrs.add(intAttr("ceil_mode", ceil));
        GraphProto.Builder g = GraphProto.newBuilder().setName("pool")
                .addInput(h == 0 ? Models.floatInput("x", 1, c, w) : Models.floatInput("x", 1, c, h, w))
                .addNode(node("MaxPool", "mp", new String[] {"x"}, "p", attrs.toArray(new AttributeProto[0])))
                .addNode(node("Flatten", "f", new String[] {"p"}, "y"))
                .addOutput(Models.floatInput("y", 1, outputs));
        return Models.model(g);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "3x3 stride 2 pads 1; 1; 4; 4; 3 3; 2 2; 1 1 1 1; 0; ; 4",
            "3x3 stride 1 pads 1 (same size); 2; 5; 5; 3 3; 1 1; 1 1 1 1; 0; ; 50",
            "asymmetric pads 0 1 1 0; 1; 4; 5; 2 2; 2 2; 0 1 1 0; 0; ; 6",
            "ceil_mode 2x2 stride 2 on 5x5; 1; 5; 5; 2 2; 2 2; 0 0 0 0; 1; ; 9",
            "ceil_mode 3x3 stride 2 pads 1 on 6x6; 2; 6; 6; 3 3; 2 2; 1 1 1 1; 1; ; 32",
            "auto_pad SAME_UPPER 2x2 stride 2 on 5x5; 1; 5; 5; 2 2; 2 2; ; 0; SAME_UPPER; 9",
            "1-D kernel 3 stride 2 pads 1 ceil; 2; 0; 8; 3; 2; 1 1; 1; ; 10"})
    void paddedAndCeilModeMaxPoolEqualsOnnxRuntime(String what, int c, int h, int w, String kernel, String strides,
                                                   String pads, int ceil, String autoPad, int outputs)
            throws Exception {
        ModelProto model = model(c, h, w, kernel, strides, pads, ceil, autoPad, outputs);
        int inputs = c * Math.max(h, 1) * w;
        Network net = OrtAgreement.check(dir, "pool" + what.hashCode(), model, inputs, 1e-5);
        assertEquals(outputs, net.outputSize(), what);
        assertTrue(net.nodes().stream().anyMatch(n -> n instanceof Select), what + ": gathers of window entries");
        assertEquals("p", net.node(net.output()).name(), what + ": the result is named after the output");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ibp", "deeppoly", "triangle", "multi:1"})
    void sampledOutputsOfAPaddedCeilModePoolLieWithinTheBounds(String domain) throws Exception {
        Path file = dir.resolve("padded.onnx");
        Files.write(file, model(1, 5, 5, "3 3", "2 2", "1 1 1 1", 1, null, 9).toByteArray());
        Network net = OnnxReader.read(file);
        SplittableRandom rnd = new SplittableRandom(5);
        double[] l = new double[net.inputSize()];
        double[] u = new double[net.inputSize()];
        for (int i = 0; i < l.length; i++) {
            l[i] = rnd.nextDouble(-1, 1);
            u[i] = l[i] + rnd.nextDouble(0, 0.8);
        }
        Box box = new Box(l, u);
        Analysis a = Domains.parse(domain).analyse(net, box);
        Sampler.Range r = Sampler.range(net, box, 3000, 5);
        for (int j = 0; j < net.outputSize(); j++) {
            assertTrue(a.lower()[j] <= r.min()[j] + 1e-7, domain + " lower above a sample at output " + j);
            assertTrue(a.upper()[j] >= r.max()[j] - 1e-7, domain + " upper below a sample at output " + j);
        }
    }
}
