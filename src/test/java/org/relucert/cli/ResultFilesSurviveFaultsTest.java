package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.NetJson;
import org.relucert.io.ResultFile;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/**
 * Faults around result files (issue 15, defects 7 and 8): {@code verify --result} and {@code vnncomp --out}
 * replace the file atomically and at once (never a stale old verdict), SIGTERM leaves "timeout" written
 * and keeps vnncomp's finished rows, a missing ONNX file is an error row, and a second run on the same
 * output is refused while the first holds the lock.
 */
class ResultFilesSurviveFaultsTest {

    /** A property on a random 30-input network that takes far longer than the test waits. */
    private static Path[] hardInstance(Path dir) throws Exception {
        Network net = RandomNetworks.fullyConnected(7, 30, new int[] {200, 200, 200, 200}, 2);
        Path netFile = dir.resolve("hard.json");
        NetJson.write(net, netFile);
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            spec.append("(declare-const X_").append(i).append(" Real)\n");
        }
        spec.append("(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n");
        for (int i = 0; i < 30; i++) {
            spec.append("(assert (>= X_").append(i).append(" -1))\n(assert (<= X_").append(i).append(" 1))\n");
        }
        double[] y = net.evaluate(new double[30]);
        spec.append(String.format(Locale.ROOT, "(assert (<= Y_0 %.6f))%n", y[0] - 1e4));
        Path specFile = dir.resolve("hard.vnnlib");
        Files.writeString(specFile, spec);
        return new Path[] {netFile, specFile};
    }

    private static void awaitFile(Path file, String content) throws Exception {
        for (int t = 0; t < 600 && !(Files.exists(file) && Files.readString(file).equals(content)); t++) {
            Thread.sleep(100);
        }
    }

    @Test
    void sigtermDuringVerifyLeavesTimeoutNotTheOldVerdict(@TempDir Path dir) throws Exception {
        Path[] in = hardInstance(dir);
        Path result = dir.resolve("result.txt");
        Files.writeString(result, "unsat\n");
        Process p = ChildJvm.start(List.of("-Xmx256m"), dir.resolve("out"), dir.resolve("err"), "verify", "--net",
                in[0].toString(), "--spec", in[1].toString(), "--timeout", "600", "--result", result.toString(),
                "--threads", "1", "--quiet");
        awaitFile(result, "timeout\n");
        Thread.sleep(1500);
        assertTrue(p.isAlive(), "the instance finished before the signal: " + Files.readString(dir.resolve("err")) + Files.readString(dir.resolve("out")));
        assertTrue(Files.exists(Path.of(result + ".lock")), "a running verify holds the lock");
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("timeout\n", Files.readString(result));
        assertTrue(Files.readString(dir.resolve("out")).contains("timeout"));
        assertFalse(Files.exists(Path.of(result + ".lock")), "the lock file is removed");
    }

    @Test
    void sigtermDuringVnncompKeepsFinishedRowsAndAMissingOnnxIsAnErrorRow(@TempDir Path dir) throws Exception {
        Path[] in = hardInstance(dir);
        Path small = dir.resolve("small.json");
        NetJson.write(RandomNetworks.fullyConnected(3, 30, new int[] {4}, 2), small);
        Files.writeString(dir.resolve("instances.csv"), "small.json,hard.vnnlib,20\nmissing.onnx,hard.vnnlib,20\n"
                + "hard.json,hard.vnnlib,600\n");
        Path out = dir.resolve("results.csv");
        Files.writeString(out, "stale\n");
        Process p = ChildJvm.start(List.of("-Xmx256m"), dir.resolve("out"), dir.resolve("err"), "vnncomp",
                "--instances", dir.resolve("instances.csv").toString(), "--out", out.toString(), "--threads", "1",
                "--quiet");
        for (int t = 0; t < 600 && !Files.readString(out).contains("missing.onnx"); t++) {
            Thread.sleep(100);
        }
        String during = Files.readString(out);
        assertTrue(during.startsWith("onnx,vnnlib,result,seconds\nsmall.json,hard.vnnlib,"), during);
        assertTrue(during.contains("missing.onnx,hard.vnnlib,error,"), during);

        // a second run on the same output is refused while the first holds the lock
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"vnncomp", "--instances", dir.resolve("instances.csv").toString(),
                "--out", out.toString(), "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(err.toString().contains("another relucert run is writing"), err.toString());

        Thread.sleep(1500);
        assertTrue(p.isAlive(), "the hard instance finished before the signal");
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String after = Files.readString(out);
        assertTrue(after.startsWith(during), after);
        assertTrue(after.endsWith("hard.json,hard.vnnlib,timeout,600.000\n"), after);
    }

    @Test
    void atomicWriteReplacesTheWholeFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "old content that is longer than the new one\n");
        ResultFile.writeAtomically(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aSecondWriterOfTheSameFileIsRefusedUntilTheFirstCloses(@TempDir Path dir) {
        Path f = dir.resolve("r.csv");
        try (ResultFile first = ResultFile.open(f, "--out")) {
            first.write("a\n");
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.relucert.InvalidInputException.class,
                    () -> ResultFile.open(f, "--out"));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
        try (ResultFile again = ResultFile.open(f, "--out")) {
            again.write("b\n");
        }
        assertFalse(Files.exists(dir.resolve("r.csv.lock")));
    }
}
