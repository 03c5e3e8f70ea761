package org.relucert.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relucert.InputFiles;
import org.relucert.InvalidInputException;
import org.relucert.net.Network;
import org.relucert.net.Node;

/**
 * Reads and writes the relucert-net/1 JSON format. Reading validates everything and reports the first
 * problem as an {@link InvalidInputException} naming the file, the node and the field.
 */
public final class NetJson {
    /** The format tag. */
    public static final String FORMAT = "relucert-net/1";
    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private NetJson() {
    }

    /** Reads a network file (gzipped or not, see {@link InputFiles}). */
    public static Network read(Path file) {
        return parse(InputFiles.readString(file), file.toString());
    }

    /** Reads a network bundled as a class-path resource. */
    public static Network readResource(String resource) {
        try (InputStream in = NetJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidInputException(resource + ": no such bundled network");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new InvalidInputException(resource + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses JSON text; {@code source} names the file in error messages. */
    public static Network parse(String text, String source) {
        return new Reader(source).network(StrictJson.parse(text, source));
    }

    /** The network as relucert-net/1 JSON text (pretty-printed; numbers round-trip exactly). */
    public static String write(Network net) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("inputs", net.inputSize());
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : net.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("op", NetJsonOps.opName(n));
            ArrayNode from = o.putArray("from");
            for (int f : n.from()) {
                from.add(net.nameOf(f));
            }
            NetJsonOps.writeFields(n, o);
        }
        root.put("output", net.nameOf(net.output()));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the network to a file. */
    public static void write(Network net, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                // never create directories silently: a mistyped path is an error naming it
                throw new InvalidInputException(file + ": cannot write: directory " + parent + " does not exist");
            }
            Files.writeString(file, write(net), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write: " + e.getMessage());
        }
    }

    /** Stateful helper that knows the file name for error messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        private InvalidInputException error(String where, String what) {
            return new InvalidInputException(source + ": " + where + ": " + what);
        }

        Network network(JsonNode root) {
            if (!root.isObject()) {
                throw error("top level", "expected a JSON object");
            }
            JsonNode format = root.get("format");
            if (format == null) {
                throw error("field 'format'", "missing (expected \"" + FORMAT + "\")");
            }
            if (!format.isTextual() || !FORMAT.equals(format.asText())) {
                throw error("field 'format'", "unknown format " + format + " (expected \"" + FORMAT + "\")");
            }
            JsonNode inputs = root.get("inputs");
            if (inputs == null || !inputs.isIntegralNumber() || !inputs.canConvertToInt() || inputs.asInt() <= 0) {
                throw error("field 'inputs'", inputs == null ? "missing" : "must be a positive integer, got " + inputs);
            }
            JsonNode nodes = root.get("nodes");
            if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
                throw error("field 'nodes'", nodes == null ? "missing" : "must be a non-empty array");
            }
            int inputSize = inputs.asInt();
            Map<String, Integer> index = new HashMap<>();
            List<Node> list = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            Set<String> allNames = new HashSet<>();
            for (JsonNode o : nodes) {
                if (o.isObject() && o.path("name").isTextual()) {
                    allNames.add(o.get("name").asText());
                }
            }
            int k = 0;
            for (JsonNode o : nodes) {
                Node n = node(o, k, inputSize, index, sizes, allNames);
                index.put(n.name(), k);
                sizes.add(n.size());
                list.add(n);
                k++;
            }
            JsonNode output = root.get("output");
            if (output == null || !output.isTextual()) {
                throw error("field 'output'", output == null ? "missing" : "must be a node name");
            }
            Integer out = index.get(output.asText());
            if (out == null) {
                throw error("field 'output'", "unknown node '" + output.asText() + "'");
            }
            try {
                return new Network(inputSize, list, out);
            } catch (IllegalArgumentException e) {
                throw error("network", e.getMessage());
            }
        }

        private Node node(JsonNode o, int k, int inputSize, Map<String, Integer> index, List<Integer> sizes,
                          Set<String> allNames) {
            String where = "node #" + (k + 1);
            if (!o.isObject()) {
                throw error(where, "expected a JSON object");
            }
            JsonNode nameNode = o.get("name");
            if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
                throw error(where + ", field 'name'", nameNode == null ? "missing" : "must be a non-empty string");
            }
            String name = nameNode.asText();
            where = "node '" + name + "'";
            if (Network.INPUT_NAME.equals(name)) {
                throw error(where + ", field 'name'", "'input' is reserved for the network input");
            }
            if (index.containsKey(name)) {
                throw error(where + ", field 'name'", "duplicate node name");
            }
            JsonNode op = o.get("op");
            if (op == null || !op.isTextual()) {
                throw error(where + ", field 'op'", op == null ? "missing" : "must be a string");
            }
            JsonNode fromNode = o.get("from");
            if (fromNode == null || !fromNode.isArray() || fromNode.isEmpty()) {
                throw error(where + ", field 'from'", fromNode == null ? "missing" : "must be a non-empty array of node names");
            }
            int[] from = new int[fromNode.size()];
            int[] fromSizes = new int[from.length];
            for (int i = 0; i < from.length; i++) {
                JsonNode f = fromNode.get(i);
                if (!f.isTextual()) {
                    throw error(where + ", field 'from'", "entry " + (i + 1) + " must be a node name, got " + f);
                }
                String fn = f.asText();
                if (Network.INPUT_NAME.equals(fn)) {
                    from[i] = Network.INPUT;
                    fromSizes[i] = inputSize;
                } else if (index.containsKey(fn)) {
                    from[i] = index.get(fn);
                    fromSizes[i] = sizes.get(from[i]);
                } else if (fn.equals(name)) {
                    throw error(where + ", field 'from'", "node reads itself");
                } else if (allNames.contains(fn)) {
                    throw error(where + ", field 'from'", "node '" + fn
                            + "' is defined later (every 'from' must be defined before the node that reads it)");
                } else {
                    throw error(where + ", field 'from'", "unknown node '" + fn
                            + "' (nodes must be defined before they are used)");
                }
            }
            return new NetJsonOps(source).node(op.asText(), o, name, where, from, fromSizes);
        }
    }
}
