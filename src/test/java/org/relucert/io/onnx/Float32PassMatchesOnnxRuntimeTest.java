package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.net.Network;

/**
 * The float32 forward pass ({@link Network#evaluateFloat}), with which counterexamples are re-checked, agrees
 * with onnxruntime in float32 (the judge of VNN-COMP counterexamples) on VNN-COMP networks: fully connected
 * (ACAS Xu, MNIST), convolutional (oval21) and residual (CIFAR ResNet), at random points. The agreement is
 * within the output tolerance of {@code CounterexampleCheck} (1e-5 + 1e-4 |y|): only summation order
 * differs.
 */
class Float32PassMatchesOnnxRuntimeTest {

    static Stream<String> models() {
        return Stream.of("test/test_small.onnx", "acasxu/onnx/ACASXU_run2a_1_1_batch_2000.onnx",
                "mnistfc/onnx/mnist-net_256x2.onnx", "oval21/onnx/cifar_base_kw.onnx",
                "cifar10_resnet/onnx/resnet_2b.onnx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void float32PassAgreesWithOnnxRuntime(String model) throws OrtException {
        Path file = SharedData.dir().resolve(model);
        assumeTrue(Files.isRegularFile(file), file + " absent");
        Network net = OnnxReader.read(file);
        SplittableRandom rnd = new SplittableRandom(model.hashCode());
        double worst32 = 0;
        try (OnnxReaderMatchesOnnxRuntimeTest.OnnxRuntimeRunner ort =
                     new OnnxReaderMatchesOnnxRuntimeTest.OnnxRuntimeRunner(file)) {
            assumeTrue(ort.isFloat(), "model is not float32");
            for (int t = 0; t < 20; t++) {
                double[] x = new double[net.inputSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble();
                }
                double[] judge = ort.run(x);
                float[] y32 = net.evaluateFloat(x);
                for (int j = 0; j < judge.length; j++) {
                    double err = Math.abs(judge[j] - y32[j]);
                    worst32 = Math.max(worst32, err / (1e-5 + 1e-4 * Math.abs(judge[j])));
                }
            }
        }
        assertTrue(worst32 <= 1, String.format(Locale.ROOT,
                "%s: float32 pass differs from onnxruntime by %.3g of the tolerance", model, worst32));
    }
}
