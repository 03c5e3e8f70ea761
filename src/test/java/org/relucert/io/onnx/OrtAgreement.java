package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.relucert.io.onnx.OnnxReaderMatchesOnnxRuntimeTest.OnnxRuntimeRunner;
import org.relucert.io.onnx.proto.Onnx.ModelProto;
import org.relucert.net.Network;

/** Writes a model to a file, reads it, and checks the network against onnxruntime on random inputs. */
final class OrtAgreement {
    private OrtAgreement() {
    }

    /** The network read from the model, after checking 10 random points in [-3, 3]^n against onnxruntime. */
    static Network check(Path dir, String name, ModelProto model, int inputs) throws Exception {
        return check(dir, name, model, inputs, 1e-4);
    }

    /** As {@link #check(Path, String, ModelProto, int)}, equal to {@code relative} times the largest magnitude. */
    static Network check(Path dir, String name, ModelProto model, int inputs, double relative) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, model.toByteArray());
        return check(file, inputs, name.hashCode(), relative);
    }

    static Network check(Path file, int inputs, long seed) throws IOException, ai.onnxruntime.OrtException {
        return check(file, inputs, seed, 1e-4);
    }

    private static Network check(Path file, int inputs, long seed, double relative)
            throws IOException, ai.onnxruntime.OrtException {
        Network net = OnnxReader.read(file);
        assertEquals(inputs, net.inputSize(), "input size");
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(file)) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int t = 0; t < 10; t++) {
                double[] x = new double[inputs];
                for (int i = 0; i < inputs; i++) {
                    x[i] = ort.isFloat() ? (float) rnd.nextDouble(-3, 3) : rnd.nextDouble(-3, 3);
                }
                assertClose(ort.run(x), net.evaluate(x), relative, file + " at trial " + t);
            }
        }
        return net;
    }

    /** Equal to 1e-4 relative to the largest magnitude (at least 1). */
    static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, 1e-4, what);
    }

    /** Equal to {@code relative} times the largest magnitude (at least 1). */
    static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what + ": output size");
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], relative * scale, what + ": output " + j);
        }
    }
}
