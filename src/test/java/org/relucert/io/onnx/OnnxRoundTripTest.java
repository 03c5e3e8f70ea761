package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.io.ConvNetworks;
import org.relucert.io.NetJson;
import org.relucert.io.NetworkFiles;
import org.relucert.io.onnx.OnnxReaderMatchesOnnxRuntimeTest.OnnxRuntimeRunner;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** JSON -> ONNX -> JSON gives the same network; ONNX -> JSON -> ONNX computes the same outputs. */
class OnnxRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void fullyConnectedNetworkSurvivesJsonToOnnxToJson(long seed) {
        Network net = RandomNetworks.fullyConnected(seed, 3 + (int) seed, new int[] {7, 5, (int) seed + 1}, 2);
        assertEquals(net, viaOnnx(net, "fc" + seed));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void dagWithSkipConnectionsSurvivesJsonToOnnxToJson(long seed) {
        Network net = RandomNetworks.dag(seed, 4, 5, 6, 0.7, 3);
        assertEquals(net, viaOnnx(net, "dag" + seed));
    }

    /** A Select node is written as Concat + Gather; onnxruntime computes the model like the network. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void onnxRuntimeComputesAWrittenSelectNodeLikeTheNetwork(long seed) throws Exception {
        Network net = org.relucert.net.SelectCases.of(seed);
        Path onnx = dir.resolve("select" + seed + ".onnx");
        NetworkFiles.write(net, onnx);
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(onnx)) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int t = 0; t < 20; t++) {
                double[] x = rnd.doubles(net.inputSize(), -2, 2).toArray();
                double[] expected = net.evaluate(x);
                double[] actual = ort.run(x);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], 1e-12 * Math.max(1, Math.abs(expected[j])));
                }
                double[] back = OnnxReader.read(onnx).evaluate(x);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], back[j], 1e-12 * Math.max(1, Math.abs(expected[j])), "read back");
                }
            }
        }
    }

    @Test
    void onnxRuntimeComputesTheWrittenModelLikeTheNetwork() throws Exception {
        Network net = RandomNetworks.dag(21, 4, 5, 6, 0.8, 3);
        Path onnx = dir.resolve("dag.onnx");
        NetworkFiles.write(net, onnx);
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(onnx)) {
            SplittableRandom rnd = new SplittableRandom(21);
            for (int t = 0; t < 20; t++) {
                double[] x = rnd.doubles(4, -2, 2).toArray();
                double[] expected = net.evaluate(x);
                double[] actual = ort.run(x);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], 1e-12 * Math.max(1, Math.abs(expected[j])));
                }
            }
        }
    }

    @Test
    void benchmarkOnnxThroughJsonAndBackComputesTheSameOutputs() throws Exception {
        Path data = SharedData.dir();
        List<Path> models = List.of(data.resolve("test/test_nano.onnx"), data.resolve("test/test_small.onnx"),
                data.resolve("acasxu/onnx/ACASXU_run2a_1_1_batch_2000.onnx"),
                data.resolve("mnistfc/onnx/mnist-net_256x2.onnx"));
        for (Path original : models) {
            Network net = NetworkFiles.read(original);
            Path json = dir.resolve(original.getFileName() + ".json");
            NetworkFiles.write(net, json);
            Network fromJson = NetworkFiles.read(json);
            assertEquals(net, fromJson, original + " via JSON");
            Path back = dir.resolve(original.getFileName() + ".back.onnx");
            NetworkFiles.write(fromJson, back);
            assertEquals(net, NetworkFiles.read(back), original + " via JSON and ONNX");
            try (OnnxRuntimeRunner a = new OnnxRuntimeRunner(original); OnnxRuntimeRunner b = new OnnxRuntimeRunner(back)) {
                SplittableRandom rnd = new SplittableRandom(7);
                for (int t = 0; t < 5; t++) {
                    double[] x = new double[net.inputSize()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) rnd.nextDouble(-1, 1);
                    }
                    double[] ya = a.run(x);
                    double[] yb = b.run(x);
                    assertEquals(ya.length, yb.length);
                    for (int j = 0; j < ya.length; j++) {
                        assertEquals(ya[j], yb[j], 1e-4 * Math.max(1, Math.abs(ya[j])), original + " output " + j);
                    }
                }
            }
        }
    }

    /** Network -> ONNX -> network is exact for a conv network with float weights; onnxruntime agrees. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void convNetworkWithResidualAddSurvivesNetworkToOnnxToNetwork(long seed) throws Exception {
        Network net = ConvNetworks.residual(seed, true);
        assertEquals(net, viaOnnx(net, "conv" + seed));
        Path onnx = dir.resolve("conv" + seed + ".onnx");
        Network back = OrtAgreement.check(onnx, net.inputSize(), seed);
        assertEquals(net, back);
    }

    /** Double weights are rounded to float in a conv network's ONNX file: outputs agree to float precision. */
    @Test
    void convNetworkWithDoubleWeightsIsWrittenInSinglePrecision() throws Exception {
        Network net = ConvNetworks.residual(41, false);
        Path onnx = dir.resolve("conv-double.onnx");
        NetworkFiles.write(net, onnx);
        Network back = NetworkFiles.read(onnx);
        SplittableRandom rnd = new SplittableRandom(41);
        for (int t = 0; t < 10; t++) {
            double[] x = rnd.doubles(net.inputSize(), -2, 2).toArray();
            OrtAgreement.assertClose(net.evaluate(x), back.evaluate(x), "trial " + t);
        }
        OrtAgreement.check(onnx, net.inputSize(), 41);
    }

    /** Benchmark conv networks: ONNX -> network -> ONNX -> network is exact, and the written file runs alike. */
    @Test
    void benchmarkConvNetworksSurviveOnnxToNetworkToOnnx() throws Exception {
        Path data = SharedData.dir();
        List<Path> models = List.of(data.resolve("oval21/onnx/cifar_base_kw.onnx"),
                data.resolve("cifar10_resnet/onnx/resnet_2b.onnx"),
                data.resolve("collins_rul_cnn/onnx/NN_rul_small_window_20.onnx"),
                data.resolve("sri_resnet_a/onnx/resnet_3b2_bn_mixup_adv_4.0_bs128_lr-1.onnx"),
                data.resolve("metaroom/onnx/4cnn_ry_102_17_no_custom_OP.onnx"),
                data.resolve("cifar_biasfield/onnx/cifar_bias_field_0.onnx"));
        for (Path original : models) {
            Network net = NetworkFiles.read(original);
            Path json = dir.resolve(original.getFileName() + ".json");
            NetworkFiles.write(net, json);
            assertEquals(net, NetworkFiles.read(json), original + " via JSON");
            Path back = dir.resolve(original.getFileName() + ".back.onnx");
            NetworkFiles.write(net, back);
            assertEquals(net, NetworkFiles.read(back), original + " via ONNX");
            try (OnnxRuntimeRunner a = new OnnxRuntimeRunner(original); OnnxRuntimeRunner b = new OnnxRuntimeRunner(back)) {
                SplittableRandom rnd = new SplittableRandom(9);
                for (int t = 0; t < 3; t++) {
                    double[] x = new double[net.inputSize()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) rnd.nextDouble(0, 1);
                    }
                    OrtAgreement.assertClose(a.run(x), b.run(x), original + " written, trial " + t);
                }
            }
        }
    }

    private Network viaOnnx(Network net, String name) {
        Path json = dir.resolve(name + ".json");
        Path onnx = dir.resolve(name + ".onnx");
        NetJson.write(net, json);
        NetworkFiles.write(NetworkFiles.read(json), onnx);
        Path back = dir.resolve(name + ".back.json");
        NetworkFiles.write(NetworkFiles.read(onnx), back);
        return NetworkFiles.read(back);
    }
}
