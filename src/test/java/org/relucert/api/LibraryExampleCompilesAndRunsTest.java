package org.relucert.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library example of docs/library.md, docs/examples/BoundsExample.java, compiles against the main
 * classes and runs on a bundled network and a VNN-LIB property, printing the values the guide shows.
 */
class LibraryExampleCompilesAndRunsTest {

    @Test
    void theDocumentedExampleCompilesAndPrintsTheBounds(@TempDir Path dir) throws Exception {
        Path source = Path.of("docs", "examples", "BoundsExample.java");
        assertTrue(Files.isRegularFile(source), "the example exists at " + source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter diagnostics = new StringWriter();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", classPath, "-d", classes.toString(), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(source.toFile())).call();
        assertTrue(ok, "the example compiles without warnings:\n" + diagnostics);

        Path net = copy("/examples/max2.json", dir.resolve("max2.json"));
        Path spec = dir.resolve("max.vnnlib");
        Files.writeString(spec, "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n"
                + "(assert (>= X_0 0))\n(assert (<= X_0 1))\n(assert (>= X_1 0))\n(assert (<= X_1 1))\n"
                + "(assert (<= Y_0 -0.5))\n");
        String out = runMain(classes, net.toString(), spec.toString());
        // max(x1, x2) = relu(x1 - x2) + x2 over [0.25, 0.75]^2: IBP [0 + 0.25, 0.5 + 0.75]; crown: lower line
        // x2 (slope 0, as u = -l), upper chord 0.5(x1 - x2) + 0.25 + x2; alpha-crown's lower lines are all >= 0.25
        // bounds are rounded outward (sound floating point), so each is compared within 1e-12 of its value
        assertLine(out, "ibp: lower ", 0.25, 1.25);
        assertLine(out, "alpha-crown: lower ", 0.25, 1.0);
        assertLine(out, "crown: lower ", 0.25, 1.0);
        assertLine(out, "  node h: ", -0.5, 0.5);
        assertLine(out, "  output 1 >= ", 0.0, 1.0, 0.0);
        assertLine(out, "margin: ", -1.0, -0.25);
        // the row y + 0.5 of "y <= -0.5" is at least 0 + 0.5 > 0 on [0, 1]^2 (lower line x2): the property holds
        assertLine(out, "property rows, case 1: lower ", 0.5);
        assertTrue(out.contains("verify: unsat"), out);
        assertTrue(out.contains("precision of deeppoly0 on output 1: "), out);
        assertEquals(11, out.lines().count(), out);
    }

    private static Path copy(String resource, Path to) throws Exception {
        try (InputStream in = LibraryExampleCompilesAndRunsTest.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    private static String runMain(Path classes, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                LibraryExampleCompilesAndRunsTest.class.getClassLoader())) {
            Method main = loader.loadClass("BoundsExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The numbers of the line starting with {@code prefix} (after it) are {@code expected}, within 1e-12. */
    private static void assertLine(String out, String prefix, double... expected) {
        String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        assertTrue(line != null, "a line starting '" + prefix + "' in\n" + out);
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?")
                .matcher(line.substring(prefix.length()));
        List<Double> found = new ArrayList<>();
        while (m.find()) {
            found.add(Double.parseDouble(m.group()));
        }
        assertEquals(expected.length, found.size(), line);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], found.get(i), 1e-12, line);
        }
    }
}
