package org.relucert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of org.relucert depend on each other without cycles: every reference of one main source
 * file to another package (imports and fully qualified names, comments left out) is an edge, and the
 * graph must have no cycle. E.g. the domain registry sits above the relaxations it registers.
 */
class PackagesFormNoCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.relucert((?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Package -> the packages its main sources refer to. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES.resolve("org/relucert"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
            Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(COMMENT.matcher(Files.readString(f)).replaceAll(" "));
            while (m.find()) {
                String target = "org.relucert" + m.group(1);
                if (!target.equals(pkg)) {
                    out.add(target);
                }
            }
        }
        return g;
    }

    @Test
    void thePackageGraphIsAcyclic() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.containsKey("org.relucert.domains") && g.get("org.relucert.domains").contains("org.relucert.relax"),
                "the scan sees the registry's dependencies: " + g.get("org.relucert.domains"));
        List<String> cycle = findCycle(g);
        assertEquals(List.of(), cycle, "package cycle " + String.join(" -> ", cycle));
    }

    /** One cycle as a path that starts and ends at the same package, or an empty list. */
    private static List<String> findCycle(Map<String, Set<String>> g) {
        Map<String, Integer> state = new TreeMap<>();
        for (String start : g.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(g, start, state, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(Map<String, Set<String>> g, String v, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(v);
        if (s != null && s == 2) {
            return false;
        }
        path.add(v);
        if (s != null) {
            path.subList(0, path.indexOf(v)).clear();
            return true;
        }
        state.put(v, 1);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (visit(g, w, state, path)) {
                return true;
            }
        }
        state.put(v, 2);
        path.remove(path.size() - 1);
        return false;
    }
}
