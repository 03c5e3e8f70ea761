package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.onnx.SharedData;

/**
 * vnncomp/prepare_instance.sh and run_instance.sh as the competition calls them (v1, category, onnx,
 * vnnlib[, results, timeout]) on the test benchmark: the results file holds the expected verdict and, for
 * sat, a counterexample in decimal notation; a wrong version string is refused.
 */
class VnncompToolScriptsDecideTheTestInstancesTest {

    @TempDir
    Path tmp;

    private static Path script(String name) {
        Path p = Path.of("vnncomp", name);
        Assumptions.assumeTrue(Files.isExecutable(p) && new File("/bin/bash").exists(), "needs bash and " + p);
        return p;
    }

    /** Runs a script with RELUCERT_CMD pointing at this test's class path; returns its exit code. */
    private static int run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        pb.environment().put("RELUCERT_CMD", java + " -Xss16m -cp " + System.getProperty("java.class.path")
                + " org.relucert.cli.Main");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script " + command + " did not finish");
        return p.exitValue();
    }

    @Test
    void unsatAndSatInstancesGetTheExpectedResultFiles() throws Exception {
        Path data = SharedData.dir().resolve("test");
        Path prepare = script("prepare_instance.sh");
        Path runInstance = script("run_instance.sh");
        String[][] cases = {{"test_nano.onnx", "test_nano.vnnlib", "unsat"}, {"test_sat.onnx", "test_prop.vnnlib", "sat"}};
        for (String[] c : cases) {
            String onnx = data.resolve(c[0]).toString();
            String vnnlib = data.resolve(c[1]).toString();
            assertEquals(0, run(List.of(prepare.toString(), "v1", "test", onnx, vnnlib)), "prepare " + c[0]);
            Path results = tmp.resolve(c[0] + ".txt");
            assertEquals(0, run(List.of(runInstance.toString(), "v1", "test", onnx, vnnlib, results.toString(), "30")),
                    "run " + c[0]);
            List<String> lines = Files.readAllLines(results);
            assertEquals(c[2], lines.get(0), c[0] + ": " + lines);
            if (c[2].equals("sat")) {
                String all = String.join("\n", lines);
                assertTrue(all.contains("(X_0 ") && all.contains("(Y_0 "), all);
                assertTrue(!all.matches("(?s).*\\d[eE][-+]?\\d.*"), "exponent notation in " + all);
            }
        }
    }

    @Test
    void aWrongVersionStringOrMissingFileIsRefused() throws Exception {
        Path data = SharedData.dir().resolve("test");
        Path prepare = script("prepare_instance.sh");
        List<String> wrong = new ArrayList<>(List.of(prepare.toString(), "v2", "test",
                data.resolve("test_nano.onnx").toString(), data.resolve("test_nano.vnnlib").toString()));
        assertTrue(run(wrong) != 0, "version v2 must be refused");
        assertTrue(run(List.of(prepare.toString(), "v1", "test", tmp.resolve("none.onnx").toString(),
                data.resolve("test_nano.vnnlib").toString())) != 0, "a missing file must be refused");
    }
}
