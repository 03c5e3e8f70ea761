package org.relucert.io.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relucert.io.NetJson;
import org.relucert.io.onnx.OnnxWriter;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** Valid seed files for each reader: bundled examples, written random networks, test data when present. */
final class Corpus {
    private Corpus() {
    }

    static List<byte[]> of(Readers reader) {
        List<byte[]> out = new ArrayList<>();
        List<Network> nets = List.of(RandomNetworks.fullyConnected(1, 3, new int[] {4, 3}, 2),
                RandomNetworks.dag(2, 2, 3, 3, 0.5, 1), RandomNetworks.smallConvolutional(3, 20),
                RandomNetworks.convolutional(4, new int[] {1, 4, 4}, 2, 2, 0.5, 2));
        switch (reader) {
            case JSON -> {
                for (String name : List.of("max2.json", "demo.json", "random3.json", "abs_dp0.json")) {
                    out.add(resource("/examples/" + name));
                }
                for (Network n : nets) {
                    out.add(NetJson.write(n).getBytes(StandardCharsets.UTF_8));
                }
            }
            case ONNX -> {
                for (Network n : nets) {
                    out.add(OnnxWriter.toModel(n).toByteArray());
                }
                for (String f : List.of("test_nano.onnx", "test_tiny.onnx", "test_small.onnx", "test_sat.onnx")) {
                    addIfPresent(out, Path.of("..", "..", "shared", "data", "test", f));
                    addIfPresent(out, Path.of("..", "shared", "data", "test", f));
                }
            }
            case VNNLIB -> {
                out.add(("(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n"
                        + "(declare-const Y_1 Real)\n; a comment\n(assert (>= X_0 -1))\n(assert (<= X_0 1.5))\n"
                        + "(assert (and (>= X_1 0) (<= X_1 1e-3)))\n(assert (or (and (<= Y_0 Y_1)) (and (>= Y_1 0.5)"
                        + " (<= (+ Y_0 (* 2 Y_1)) 3))))\n").getBytes(StandardCharsets.UTF_8));
                for (String f : List.of("test_nano.vnnlib", "test_tiny.vnnlib", "test_small.vnnlib", "test_prop.vnnlib")) {
                    addIfPresent(out, Path.of("..", "..", "shared", "data", "test", f));
                    addIfPresent(out, Path.of("..", "shared", "data", "test", f));
                }
            }
            case BOX -> {
                out.add("-1:1,0:0.5,-1e-3:2e3".getBytes(StandardCharsets.UTF_8));
                out.add("0.5,-0.25,1e-7".getBytes(StandardCharsets.UTF_8));
                out.add("{\"lower\": [-1, 0, 0.5], \"upper\": [1, 0.5, 0.75]}".getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException(reader.name());
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addIfPresent(List<byte[]> out, Path p) {
        if (Files.isRegularFile(p)) {
            try {
                out.add(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
