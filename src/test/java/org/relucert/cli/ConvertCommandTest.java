package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.NetJson;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.SharedData;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** {@code relucert convert} writes the other format and reports bad input with exit code 2. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void jsonToOnnxAndBackGivesTheSameNetwork() {
        Network net = RandomNetworks.dag(3, 3, 3, 4, 0.5, 2);
        Path json = dir.resolve("net.json");
        NetJson.write(net, json);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "convert", json.toString(), "-o", dir.resolve("net.onnx").toString()));
        assertTrue(out.toString().startsWith("wrote " + dir.resolve("net.onnx") + " (ONNX): 3 inputs, 2 outputs"),
                out.toString());
        assertEquals(0, run(out, err, "convert", dir.resolve("net.onnx").toString(), "-o", dir.resolve("back.json").toString()));
        assertEquals(net, NetworkFiles.read(dir.resolve("back.json")));
    }

    /** oval21's CIFAR conv net: ONNX -> JSON -> ONNX through the command, and eval on the JSON file. */
    @Test
    void convNetworkConvertsBothWaysAndEvaluates() {
        Path onnx = SharedData.dir().resolve("oval21/onnx/cifar_base_kw.onnx");
        Path json = dir.resolve("cifar.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "convert", onnx.toString(), "-o", json.toString()), err.toString());
        assertTrue(out.toString().contains("3072 inputs, 10 outputs, 7 nodes"), out.toString());
        Path back = dir.resolve("back.onnx");
        assertEquals(0, run(out, err, "convert", json.toString(), "-o", back.toString()), err.toString());
        Network net = NetworkFiles.read(onnx);
        assertEquals(net, NetworkFiles.read(back));

        double[] x = new java.util.SplittableRandom(5).doubles(3072, 0, 1).toArray();
        StringJoiner point = new StringJoiner(",");
        for (double v : x) {
            point.add(Double.toString(v));
        }
        StringWriter evalOut = new StringWriter();
        assertEquals(0, run(evalOut, err, "eval", "--net", json.toString(), "--point", point.toString()), err.toString());
        String[] printed = evalOut.toString().strip().split(" ");
        double[] expected = net.evaluate(x);
        assertEquals(expected.length, printed.length);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], Double.parseDouble(printed[j]), 1e-12 * Math.max(1, Math.abs(expected[j])));
        }
    }

    @Test
    void unreadableInputExitsWithTwoAndOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("missing.onnx");
        assertEquals(2, run(out, err, "convert", missing.toString(), "-o", dir.resolve("x.json").toString()));
        assertEquals("relucert: error: " + missing + ": no such file", err.toString().strip());
    }
}
