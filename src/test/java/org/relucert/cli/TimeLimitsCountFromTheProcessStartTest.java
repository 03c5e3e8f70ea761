package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timeout} is the wall time of the whole command counted from the start of its process, as its help
 * says (start-up, reading and loading the solver included), not from the moment the work starts: a process whose
 * start-up used up its limit computes only the fallback bounds, flagged, and names the limit the user gave.
 */
class TimeLimitsCountFromTheProcessStartTest {
    @TempDir
    Path dir;

    private Path max2() throws IOException {
        Path net = dir.resolve("max2.json");
        try (InputStream in = getClass().getResourceAsStream("/examples/max2.json")) {
            Files.copy(in, net);
        }
        return net;
    }

    private static String[] run(long started, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), started);
        assertEquals(0, code, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void aLimitUsedUpBeforeTheWorkStartsLeavesOnlyFlaggedFallbackBounds() throws IOException {
        Path net = max2();
        String[] box = {"--box", "-1:1,-1:1"};
        String[] fresh = run(System.nanoTime(), "bounds", "--net", net.toString(), box[0], box[1], "--domain", "exact",
                "--timeout", "600");
        assertFalse(fresh[0].contains("time limit"), "with the limit ahead the exact bounds are found: " + fresh[0]);
        // the same command in a process that started 10 s ago, with a limit of 5 s
        String[] late = run(System.nanoTime() - 10_000_000_000L, "bounds", "--net", net.toString(), box[0], box[1],
                "--domain", "exact", "--timeout", "5");
        assertTrue(late[0].contains("time limit: looser sound bounds"), late[0]);
        assertTrue(late[0].contains("time limit of 5 s reached"), "the note names the user's limit: " + late[0]);
    }
}
