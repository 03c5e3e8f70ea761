package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.onnx.SharedData;

/** Each polished CLI message of issue 17, asserted: exit code and the words of the message. */
class CliMessagesNameTheProblemTest {

    private static final String MAX2 = "src/main/resources/examples/max2.json";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aMisspeltDomainGetsASuggestion() {
        Run r = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "deepoly");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown domain 'deepoly'; did you mean 'deeppoly'?"), r.err());
        assertTrue(run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "tringle").err()
                .contains("did you mean 'triangle'?"));
    }

    @Test
    void anUnknownOptionGetsASuggestion() {
        Run r = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "ibp", "--jsn");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("Unknown option: '--jsn'") && r.err().contains("--json"), r.err());
    }

    @Test
    void paperIntoAnUnwritablePlaceIsAOneLineError() {
        Run r = run("paper", "--out", "/proc/relucert-x", "--quick");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--out /proc/relucert-x: cannot create the directory (no such file or directory)"),
                r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), "no Java class names: " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aMisspeltDomainIsMatchedToTheNearestNameAndKeepsItsArgument() {
        assertTrue(run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "deeppol").err()
                .contains("did you mean 'deeppoly'?"), "one edit from deeppoly, two from deeppoly0");
        assertTrue(run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "mutli:2").err()
                .contains("did you mean 'multi:2'?"), "the suggestion is a domain that runs, with its argument");
        assertTrue(run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "DeepPoly").err()
                .contains("did you mean 'deeppoly'?"));
    }

    @Test
    void aMisspeltCertifyMethodGetsASuggestion() {
        Run r = run("certify", "--net", MAX2, "--data", "x.csv", "--eps", "0.1", "--method", "deepoly");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown method 'deepoly'; did you mean 'deeppoly'?"), r.err());
    }

    @Test
    void anUnknownOptionIsNamedWithASuggestionEvenWhenARequiredOptionIsMissingBecauseOfIt() {
        // picocli reported only "Missing required option: '--net=FILE'" and never named --nett
        Run r = run("bounds", "--nett", MAX2, "--box", "0:1,0:1", "--domain", "ibp");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("Unknown options: '--nett'"), r.err());
        assertTrue(r.err().contains("Possible solutions: --net"), r.err());
        assertTrue(r.err().contains("Missing required option: '--net=FILE'"), r.err());
        assertFalse(r.err().contains("Usage:"), "a suggestion replaces the usage: " + r.err());
    }

    @Test
    void aShortMisspeltOptionGetsASuggestionByEditDistance() {
        // picocli's own similarity finds nothing for --bx
        Run r = run("bounds", "--net", MAX2, "--bx", "0:1,0:1", "--domain", "ibp");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("Unknown options: '--bx'") && r.err().contains("Possible solutions: --box"), r.err());
        Run far = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "ibp", "--zzzzzz");
        assertTrue(far.err().contains("Unknown option: '--zzzzzz'") && far.err().contains("Usage:"),
                "nothing near: the usage instead: " + far.err());
    }

    @Test
    void linearBoundsPrintEachSignAsTheOperator() {
        assertEquals("-0.5*x1 - 0.5*x2 - 1", BoundsCommand.form(new double[] {-0.5, -0.5}, -1));
        assertEquals("1*x2 + 0.5", BoundsCommand.form(new double[] {0, 1}, 0.5));
        assertEquals("-6.2e-15", BoundsCommand.form(new double[] {0, 0}, -6.2e-15));
        Run r = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "crown", "--show", "linear",
                "--c-matrix", "-1|0.5");
        assertTrue(r.out().contains("    row 1: -0.5*x1 - 0.5*x2 - 1 <= y <= -1*x2 - 0.5"), r.out());
        assertFalse(r.out().contains("+ -"), r.out());
    }

    @Test
    void encodeIntoAMissingDirectoryNamesItAndCreatesNothing(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-dir");
        Run r = run("encode", "--function", "cpwl: -2:2, 0:0, 1:1", "--for", "deeppoly0", "-o",
                missing.resolve("x.json").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("directory " + missing + " does not exist"), r.err());
        assertFalse(Files.exists(missing), "no directory may be created");
    }

    @Test
    void aVnncompFilterMatchingNothingLeavesTheResultsAlone(@TempDir Path tmp) throws Exception {
        Path csv = SharedData.dir().resolve("test").resolve("test_instances.csv");
        Path results = Files.writeString(tmp.resolve("results.csv"), "old results\n");
        Run r = run("vnncomp", "--instances", csv.toString(), "--filter", "no-such-instance", "--out", results.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--filter 'no-such-instance' matches none of the instances"), r.err());
        assertEquals("old results\n", Files.readString(results));
    }

    @Test
    void aZeroBoundPaddedByTheLpPrintsAsMinusZeroAndRealValuesInFull() {
        assertEquals("[-0, 1.5]", Format.interval(-1.0000000000000002e-9, 1.5));
        assertEquals("[-1e-09, 1e-09]", Format.interval(-1e-9, 1e-9));
        assertEquals("[-0.001, 1]", Format.interval(-1e-3, 1));
        assertEquals("-1e-09", Format.num(-1e-9));
        Run r = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "exact");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("e-09"), r.out());
    }

    @Test
    void aTimeLimitThatLeavesNoResultExitsTwelveWithAMessage() {
        Run r = run("gap", "--net", "src/main/resources/examples/random3.json", "--box=-1:1,-1:1,-1:1",
                "--domain", "ibp", "--timeout", "0.000001");
        assertEquals(Main.TIMED_OUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("time limit of 0.000001 s reached before a result could be given"), r.err());
        Run bad = run("bounds", "--net", MAX2, "--box", "0:1,0:1", "--domain", "ibp", "--timeout", "-1");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("--timeout must be a number of seconds >= 0, got -1"), bad.err());
    }
}
