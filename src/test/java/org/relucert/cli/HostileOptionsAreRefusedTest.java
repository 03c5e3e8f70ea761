package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relucert.io.NetJson;
import org.relucert.net.RandomNetworks;

/**
 * Options a hostile user tried (issue 15, defect 14) are refused with a message and exit code 2: a trailing
 * or doubled comma in --box/--point, --threads 0 or negative, and a property whose X/Y counts do not fit
 * the network names the property file.
 */
class HostileOptionsAreRefusedTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path net(Path dir) throws Exception {
        Path f = dir.resolve("n.json");
        NetJson.write(RandomNetworks.fullyConnected(1, 2, new int[] {3}, 1), f);
        return f;
    }

    @ParameterizedTest(name = "--box {0}")
    @ValueSource(strings = {"0:1,0:1,", "0:1,,0:1", ",0:1,0:1"})
    void aBoxWithAnEmptyEntryIsRefused(String box, @TempDir Path dir) throws Exception {
        Run r = run("bounds", "--net", net(dir).toString(), "--box", box, "--domain", "ibp");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("is empty"), r.err());
    }

    @ParameterizedTest(name = "{0} --timeout -1")
    @ValueSource(strings = {"bounds", "gap", "precision", "bench", "bench lp", "paper", "search-encoding"})
    void everyCommandWithATimeLimitRefusesANegativeOne(String command, @TempDir Path dir) throws Exception {
        String n = net(dir).toString();
        String[] args = switch (command) {
            case "bounds" -> new String[] {"bounds", "--net", n, "--box", "0:1,0:1", "--domain", "ibp"};
            case "gap" -> new String[] {"gap", "--net", n, "--box", "0:1,0:1", "--domain", "ibp"};
            case "precision" -> new String[] {"precision", "--net", n, "--over", "0:1,0:1", "--domain", "ibp"};
            case "bench" -> new String[] {"bench"};
            case "bench lp" -> new String[] {"bench", "lp"};
            case "paper" -> new String[] {"paper", "--out", dir.resolve("report").toString(), "--quick"};
            default -> new String[] {"search-encoding", "--function", "cpwl: -2:2, 0:0, 1:1", "--for", "ibp"};
        };
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--timeout";
        all[args.length + 1] = "-1";
        Run r = run(all);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--timeout must be a number of seconds >= 0, got -1"), r.err());
    }

    @Test
    void aPointWithATrailingCommaIsRefused(@TempDir Path dir) throws Exception {
        Run r = run("eval", "--net", net(dir).toString(), "--point", "0.5,0.5,");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("is empty"), r.err());
    }

    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(strings = {"0", "-3"})
    void verifyRefusesThreadCountsBelowOne(String threads, @TempDir Path dir) throws Exception {
        Path spec = dir.resolve("p.vnnlib");
        Files.writeString(spec, "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n"
                + "(assert (>= X_0 0))\n(assert (<= X_0 1))\n(assert (>= X_1 0))\n(assert (<= X_1 1))\n"
                + "(assert (<= Y_0 -1000))\n");
        Run r = run("verify", "--net", net(dir).toString(), "--spec", spec.toString(), "--threads", threads);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--threads"), r.err());
    }

    @Test
    void vnncompRefusesANegativeThreadCount(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("instances.csv"), "n.json,p.vnnlib,1\n");
        Run r = run("vnncomp", "--instances", dir.resolve("instances.csv").toString(), "--threads", "-3",
                "--out", dir.resolve("r.csv").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--threads"), r.err());
    }

    @Test
    void anInputCountMismatchNamesThePropertyFile(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("three_inputs.vnnlib");
        Files.writeString(spec, "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const X_2 Real)\n"
                + "(declare-const Y_0 Real)\n(assert (>= X_0 0))\n(assert (<= X_0 1))\n(assert (>= X_1 0))\n"
                + "(assert (<= X_1 1))\n(assert (>= X_2 0))\n(assert (<= X_2 1))\n(assert (<= Y_0 -1000))\n");
        Run r = run("verify", "--net", net(dir).toString(), "--spec", spec.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("three_inputs.vnnlib") && r.err().contains("3 inputs"), r.err());
    }
}
