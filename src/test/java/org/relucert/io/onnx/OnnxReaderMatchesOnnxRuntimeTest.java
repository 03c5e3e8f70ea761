package org.relucert.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.relucert.io.NetworkFiles;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.spec.Property;

/**
 * Every benchmark network of every folder under ../shared/data loads, and its forward pass agrees with
 * onnxruntime (an independent ONNX implementation) to 1e-4 relative on random points inside the input boxes of
 * its properties (two instances per network, three points in each of up to two cases), and on points in
 * [-1, 1]^n for networks without instances.
 */
class OnnxReaderMatchesOnnxRuntimeTest {
    private static final int INSTANCES_PER_NETWORK = 2;
    private static final int POINTS_PER_CASE = 3;

    @Test
    void everyBenchmarkNetworkMatchesOnnxRuntimeInsideItsPropertyBoxes() throws Exception {
        List<Path> models = SharedData.files(".onnx");
        assertTrue(models.size() >= 45 + 3 + 5, "expected at least the ACAS Xu, MNIST and test networks, found "
                + models.size());
        Map<Path, List<Path>> specs = instances();
        Map<Path, Property> properties = new HashMap<>();
        int inBoxes = 0;
        for (Path model : models) {
            Network net = NetworkFiles.read(model);
            try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(model)) {
                assertEquals(ort.inputSize(), net.inputSize(), model + ": input size");
                SplittableRandom rnd = new SplittableRandom(model.getFileName().toString().hashCode());
                List<Box> boxes = new ArrayList<>();
                for (Path spec : specs.getOrDefault(model.toAbsolutePath().normalize(), List.of())) {
                    Property p = properties.computeIfAbsent(spec, VnnLibReader::read);
                    assertEquals(net.inputSize(), p.inputs(), spec + ": inputs");
                    List<Property.Case> cases = p.cases();
                    boxes.add(cases.get(0).input());
                    if (cases.size() > 1 && !cases.get(cases.size() - 1).input().equals(cases.get(0).input())) {
                        boxes.add(cases.get(cases.size() - 1).input());
                    }
                }
                if (boxes.isEmpty()) {
                    boxes.add(Box.cube(net.inputSize(), -1, 1));
                } else {
                    inBoxes++;
                }
                for (Box box : boxes) {
                    for (int t = 0; t < POINTS_PER_CASE; t++) {
                        double[] x = new double[net.inputSize()];
                        for (int i = 0; i < x.length; i++) {
                            double l = box.lower()[i];
                            double u = box.upper()[i];
                            x[i] = l < u ? rnd.nextDouble(l, u) : l;
                            if (ort.isFloat()) {
                                x[i] = (float) x[i];
                            }
                        }
                        OrtAgreement.assertClose(ort.run(x), net.evaluate(x), model + " in " + box.dim() + "-box, point " + t);
                    }
                }
            }
        }
        assertTrue(inBoxes >= 45 + 3 + 5, "networks checked inside property boxes: " + inBoxes);
    }

    /**
     * The property files of each network (absolute, normalised path), at most {@value #INSTANCES_PER_NETWORK}
     * per network, from every instances.csv (or *_instances.csv) of the data folder.
     */
    private static Map<Path, List<Path>> instances() throws IOException {
        Map<Path, List<Path>> out = new HashMap<>();
        for (Path csv : SharedData.files("instances.csv")) {
            Path folder = csv.getParent();
            for (String line : Files.readAllLines(csv)) {
                String[] f = line.split(",");
                if (f.length < 2 || !f[0].strip().endsWith(".onnx")) {
                    continue;
                }
                Path onnx = folder.resolve(f[0].strip()).toAbsolutePath().normalize();
                Path spec = folder.resolve(f[1].strip()).toAbsolutePath().normalize();
                List<Path> list = out.computeIfAbsent(onnx, k -> new ArrayList<>());
                if (list.size() < INSTANCES_PER_NETWORK && !list.contains(spec)) {
                    list.add(spec);
                }
            }
        }
        return out;
    }

    /** Runs a model file in onnxruntime on one input vector, reshaped to the model's input shape. */
    static final class OnnxRuntimeRunner implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final String inputName;
        private final long[] shape;
        private final boolean isFloat;

        OnnxRuntimeRunner(Path model) throws OrtException {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = env.createSession(model.toString(), options);
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
