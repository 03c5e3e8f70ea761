package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Network;

/**
 * Every benchmark network loads, and its forward pass agrees with onnxruntime (an independent ONNX
 * implementation) on random inputs.
 */
class OnnxReaderMatchesOnnxRuntimeTest {

    @Test
    void everyBenchmarkNetworkMatchesOnnxRuntimeOnRandomInputs() throws OrtException {
        List<Path> models = SharedData.files(".onnx");
        assertTrue(models.size() >= 45 + 3 + 5, "expected the ACAS Xu, MNIST and test networks, found " + models.size());
        for (Path model : models) {
            Network net = NetworkFiles.read(model);
            OnnxRuntimeRunner ort = new OnnxRuntimeRunner(model);
            assertEquals(ort.inputSize(), net.inputSize(), model + ": input size");
            SplittableRandom rnd = new SplittableRandom(model.getFileName().toString().hashCode());
            for (int trial = 0; trial < 5; trial++) {
                double[] x = new double[net.inputSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble(-1, 1);
                }
                if (ort.isFloat()) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) x[i];
                    }
                }
                double[] expected = ort.run(x);
                double[] actual = net.evaluate(x);
                assertEquals(expected.length, actual.length, model + ": output size");
                double scale = 0;
                for (double v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < expected.length; j++) {
                    double tol = 1e-4 * Math.max(1.0, scale);
                    assertEquals(expected[j], actual[j], tol, model + ": output " + j + " at trial " + trial);
                }
            }
            ort.close();
        }
    }

    /** Runs a model file in onnxruntime on one input vector, reshaped to the model's input shape. */
    static final class OnnxRuntimeRunner implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final String inputName;
        private final long[] shape;
        private final boolean isFloat;

        OnnxRuntimeRunner(Path model) throws OrtException {
            session = env.createSession(model.toString(), new OrtSession.SessionOptions());
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            inputName = in.getKey();
            TensorInfo info = (TensorInfo) in.getValue().getInfo();
            shape = info.getShape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = 1;
                }
            }
            isFloat = info.type == OnnxJavaType.FLOAT;
        }

        int inputSize() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return (int) n;
        }

        boolean isFloat() {
            return isFloat;
        }

        double[] run(double[] x) throws OrtException {
            OnnxTensor tensor;
            if (isFloat) {
                float[] f = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    f[i] = (float) x[i];
                }
                tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
            } else {
                tensor = OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), shape);
            }
            try (tensor; OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                if (out.getInfo().type == OnnxJavaType.FLOAT) {
                    FloatBuffer b = out.getFloatBuffer();
                    double[] y = new double[b.remaining()];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = b.get(i);
                    }
                    return y;
                }
                DoubleBuffer b = out.getDoubleBuffer();
                double[] y = new double[b.remaining()];
                b.get(y);
                return y;
            }
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }
}
