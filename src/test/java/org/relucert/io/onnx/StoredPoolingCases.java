package org.relucert.io.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pooling models under src/test/resources/org/relucert/io/onnx/pooling with one input each and
 * onnxruntime's output there, as stored by make_pooling_models.py in expected.json.
 */
final class StoredPoolingCases {
    private StoredPoolingCases() {
    }

    /** One stored model: its file, what it exercises, an input and onnxruntime's output at that input. */
    record Case(String name, String what, Path file, double[] input, double[] output) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() throws IOException, URISyntaxException {
        Path dir = Path.of(StoredPoolingCases.class.getResource("/org/relucert/io/onnx/pooling/expected.json").toURI())
                .getParent();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            cases.add(new Case(c.get("name").asText(), c.get("what").asText(), dir.resolve(c.get("file").asText()),
                    doubles(c.get("input")), doubles(c.get("output"))));
        }
        return cases;
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
