package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.relucert.InvalidInputException;
import org.relucert.io.NetJson;
import org.relucert.net.Network;

/** The bundled example networks ({@code src/main/resources/examples}), named by file name without ".json". */
final class Examples {
    /** One example: its name, title and a box to start from. */
    record Example(String name, String title, String box) {
    }

    private static final List<Example> ALL = load();

    private Examples() {
    }

    static List<Example> all() {
        return ALL;
    }

    /** The network of "example:NAME". */
    static Network network(String name) {
        for (Example e : ALL) {
            if (e.name().equals(name)) {
                return NetJson.readResource("/examples/" + name + ".json");
            }
        }
        List<String> names = new ArrayList<>();
        ALL.forEach(e -> names.add(e.name()));
        throw new InvalidInputException("net: unknown example '" + name + "'; known: " + String.join(", ", names));
    }

    /** {@code {"examples": [{"name", "title", "box"}, ...]}}. */
    static ObjectNode document() {
        ObjectNode root = Documents.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("examples");
        for (Example e : ALL) {
            list.addObject().put("name", e.name()).put("title", e.title()).put("box", e.box());
        }
        return root;
    }

    private static List<Example> load() {
        List<Example> out = new ArrayList<>();
        try (InputStream in = Examples.class.getResourceAsStream("/examples/demo.json")) {
            JsonNode root = Documents.MAPPER.readTree(in);
            for (JsonNode ex : root.get("examples")) {
                String file = ex.get("file").asText();
                out.add(new Example(file.replaceFirst("\\.json$", ""), ex.get("title").asText(), ex.get("box").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled examples/demo.json", e);
        }
        out.add(new Example("f3_dp0", "f3 of THEORY.md §5.2, DP-0 form", "-2:3"));
        out.add(new Example("f3_dp1", "f3 of THEORY.md §5.2, DP-1 form", "-2:3"));
        return List.copyOf(out);
    }
}
