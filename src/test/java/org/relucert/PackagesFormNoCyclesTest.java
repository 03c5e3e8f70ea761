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
 * graph must have no cycle. E.g. the domain registry sits above the relaxations it registers. The main
 * sources are those of {@code src/main/java} and of the Spark profile's {@code spark/src/main/java}; the
 * Spark engine ({@code certify.spark}) may refer only to {@code certify} and to packages {@code certify}
 * itself reaches, so the optional module adds no edge to the rest of the graph.
 */
class PackagesFormNoCyclesTest {

    /** The main source roots: the library's and the Spark profile's. */
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("spark/src/main/java"));
    private static final String SPARK = "org.relucert.certify.spark";
    private static final String CERTIFY = "org.relucert.certify";
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.relucert((?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Package -> the packages its main sources refer to. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Path root : SOURCES) {
            scan(root, g);
        }
        return g;
    }

    /** Adds the packages of the main sources under root and their references to g. */
    private static void scan(Path root, Map<String, Set<String>> g) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("org/relucert"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
            Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(COMMENT.matcher(Files.readString(f)).replaceAll(" "));
            while (m.find()) {
                String target = "org.relucert" + m.group(1);
                if (!target.equals(pkg)) {
                    out.add(target);
                }
            }
        }
    }

    @Test
    void thePackageGraphIsAcyclic() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.containsKey("org.relucert.domains") && g.get("org.relucert.domains").contains("org.relucert.relax"),
                "the scan sees the registry's dependencies: " + g.get("org.relucert.domains"));
        assertTrue(g.containsKey(SPARK) && g.get(SPARK).contains(CERTIFY),
                "the scan sees the Spark engine's sources: " + g.get(SPARK));
        List<String> cycle = findCycle(g);
        assertEquals(List.of(), cycle, "package cycle " + String.join(" -> ", cycle));
    }

    @Test
    void theSparkEngineUsesOnlyWhatCertifyUses() throws IOException {
        Map<String, Set<String>> g = graph();
        Set<String> allowed = reach(g, CERTIFY);
        allowed.add(CERTIFY);
        Set<String> extra = new TreeSet<>(g.getOrDefault(SPARK, Set.of()));
        extra.removeAll(allowed);
        assertEquals(Set.of(), extra, SPARK + " refers to packages that " + CERTIFY + " does not reach");
    }

    /** The packages reachable from start (start itself only through a cycle). */
    private static Set<String> reach(Map<String, Set<String>> g, String start) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(g.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String v = todo.remove(todo.size() - 1);
            if (seen.add(v)) {
                todo.addAll(g.getOrDefault(v, Set.of()));
            }
        }
        return seen;
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
