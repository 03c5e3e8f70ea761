package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relucert.Progress;
import org.relucert.io.NetworkFiles;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Network;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;
import org.relucert.verify.Verifier;

/** VNN-COMP instances from ../shared/data give their expected results (skipped when the data is absent). */
class VnnCompInstancesGiveExpectedResultsTest {
    private static Path data() {
        for (Path p : List.of(Path.of("..", "shared", "data"), Path.of("..", "..", "shared", "data"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Assumptions.assumeTrue(false, "benchmark data ../shared/data is absent");
        return null;
    }

    static Stream<Arguments> acasInstances() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String prop : List.of("prop_1", "prop_3", "prop_4")) {
            for (String net : List.of("1_4", "1_5", "1_6", "1_7", "1_8", "1_9", "2_4", "3_4", "4_4", "5_4")) {
                b.add(Arguments.of(net, prop));
            }
        }
        b.add(Arguments.of("1_9", "prop_7"));
        b.add(Arguments.of("2_9", "prop_8"));
        return b.build();
    }

    @ParameterizedTest(name = "ACAS Xu {0} {1}")
    @MethodSource("acasInstances")
    void acasXuInstanceGivesExpectedResult(String net, String prop) {
        Path dir = data().resolve("acasxu");
        String onnx = "onnx/ACASXU_run2a_" + net + "_batch_2000.onnx";
        String vnnlib = "vnnlib/" + prop + ".vnnlib";
        String expected = VnncompCommand.readExpected(dir.resolve("expected.csv")).get(onnx + "," + vnnlib);
        assertTrue(expected != null, "no expected result for " + onnx + "," + vnnlib);
        Verdict v = verify(dir.resolve(onnx), dir.resolve(vnnlib), 100);
        assertEquals(expected, v.kind().vnnName(), v.note());
    }

    @Test
    void everyTestFolderInstanceGivesItsExpectedResult(@TempDir Path tmp) throws IOException {
        Path dir = data().resolve("test");
        Path results = tmp.resolve("results.csv");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"vnncomp", "--instances", dir.resolve("test_instances.csv").toString(),
                "--out", results.toString(), "--quiet"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, code, out.toString());
        Map<String, String> expected = VnncompCommand.readExpected(dir.resolve("expected.csv"));
        List<String> rows = Files.readAllLines(results);
        assertEquals(expected.size() + 1, rows.size(), out.toString());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(expected.get(f[0] + "," + f[1]), f[2], row);
        }
        assertTrue(out.toString().contains("wrong answers: 0"), out.toString());
    }

    @Test
    void verifyCommandPrintsAndWritesTheSatCounterexample(@TempDir Path tmp) throws IOException {
        Path dir = data().resolve("test");
        Path result = tmp.resolve("out.txt");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"verify", "--net", dir.resolve("test_sat.onnx").toString(), "--spec",
                dir.resolve("test_prop.vnnlib").toString(), "--result", result.toString(), "--quiet"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(VerifyCommand.SAT, code);
        String text = Files.readString(result);
        assertEquals(out.toString(), text);
        assertTrue(text.startsWith("sat\n((X_0 "), text);
        // the written counterexample must reproduce: parse the X values and re-run the network
        Network net = NetworkFiles.read(dir.resolve("test_sat.onnx"));
        double[] x = new double[net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            int at = text.indexOf("(X_" + i + " ");
            x[i] = Double.parseDouble(text.substring(at + 4 + String.valueOf(i).length(), text.indexOf(')', at)).trim());
        }
        Property p = VnnLibReader.read(dir.resolve("test_prop.vnnlib"));
        boolean violates = p.cases().stream().anyMatch(cs -> cs.input().contains(x, 0) && cs.margin(net.evaluate(x)) <= 0);
        assertTrue(violates, "written counterexample does not violate the property");
    }

    @Test
    void negativeLeafStepsAreABadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"verify", "--net", "n.onnx", "--spec", "p.vnnlib", "--leaf-steps", "-1"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("--leaf-steps"), err.toString());
    }

    @Test
    void zeroBranchingCandidatesAreABadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"verify", "--net", "n.onnx", "--spec", "p.vnnlib", "--branch-candidates", "0"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("--branch-candidates"), err.toString());
    }

    @Test
    void missingNetworkFileIsABadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"verify", "--net", "no_such.onnx", "--spec", "no_such.vnnlib"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, code, err.toString());
    }

    private static Verdict verify(Path onnx, Path vnnlib, double timeout) {
        Network net = NetworkFiles.read(onnx);
        Property p = VnnLibReader.read(vnnlib);
        return Verifier.verify(net, p, Verifier.Options.defaults(timeout), Progress.NONE);
    }
}
