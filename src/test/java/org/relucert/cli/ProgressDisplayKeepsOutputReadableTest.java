package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayKeepsOutputReadableTest {

    @Test
    void plainModeWritesWholeLinesWithACountNeverACarriageReturn() throws Exception {
        StringWriter s = new StringWriter();
        try (ProgressDisplay p = new ProgressDisplay("vnncomp", new PrintWriter(s), ProgressDisplay.Mode.PLAIN)) {
            Thread.sleep(1100);
            p.update(1, 26);
            p.update(2, 26); // within the plain interval: not printed
            p.update(26, 26); // the last step is always printed
        }
        String out = s.toString();
        assertFalse(out.contains("\r"), out);
        assertFalse(out.contains("‰"), out);
        assertTrue(out.contains("] 1/26,"), out);
        assertTrue(out.contains("] 26/26,"), out);
        assertFalse(out.contains("2/26"), out);
        assertEquals(2, out.lines().count(), out);
    }

    @Test
    void quickRunsShowNothing() {
        StringWriter s = new StringWriter();
        try (ProgressDisplay p = new ProgressDisplay("verify", new PrintWriter(s), ProgressDisplay.Mode.BAR)) {
            p.update(0.5);
            p.update(1.0);
        }
        assertEquals("", s.toString());
    }

    @Test
    void clearWipesTheBarSoAResultStartsOnAFreshLine() throws Exception {
        StringWriter s = new StringWriter();
        ProgressDisplay p = new ProgressDisplay("vnncomp", new PrintWriter(s), ProgressDisplay.Mode.BAR);
        Thread.sleep(1100);
        p.update(1, 3);
        int drawn = s.toString().length();
        p.clear();
        String wipe = s.toString().substring(drawn);
        assertTrue(wipe.startsWith("\r") && wipe.endsWith("\r") && wipe.trim().isEmpty(), "[" + wipe + "]");
        assertEquals(drawn, wipe.length() - 1, "the wipe covers the whole drawn line");
    }

    @Test
    void aGuardedWriterWipesTheBarBeforeEachResultLine() throws Exception {
        StringWriter screen = new StringWriter();
        PrintWriter both = new PrintWriter(screen);
        ProgressDisplay p = new ProgressDisplay("bench", both, ProgressDisplay.Mode.BAR);
        PrintWriter results = p.guard(both);
        Thread.sleep(1100);
        p.update(1, 4);
        results.println("acasxu ibp 0.1 ms");
        p.update(2, 4);
        results.println("mnist ibp 0.4 ms");
        p.close();
        String[] lines = screen.toString().split("\n");
        assertEquals(2, lines.length, screen.toString());
        for (int i = 0; i < 2; i++) {
            // what the terminal shows of the line: the text after its last carriage return
            String visible = lines[i].substring(lines[i].lastIndexOf('\r') + 1);
            assertEquals(i == 0 ? "acasxu ibp 0.1 ms" : "mnist ibp 0.4 ms", visible);
        }
    }

    @Test
    void theStartSilenceComesFromItsPropertyElseOneSecond() {
        assertEquals(0, ProgressDisplay.after("0"));
        assertEquals(2.5, ProgressDisplay.after(" 2.5 "));
        assertEquals(1, ProgressDisplay.after(null));
        assertEquals(1, ProgressDisplay.after("soon"));
        assertEquals(1, ProgressDisplay.after("-3"));
    }

    @Test
    void theTimeLeftNeverExceedsWhatTheLimitLeaves() {
        // 1% done after 5 s would extrapolate to 495 s left; a 10 s limit leaves 5 s
        assertEquals(5.0, ProgressDisplay.eta(5, 0.01, 10), 1e-12);
        assertEquals(5.0, ProgressDisplay.eta(5, 0.5, 100), 1e-12);
        assertEquals(3.0, ProgressDisplay.eta(7, 0, 10), 1e-12);
        assertTrue(Double.isNaN(ProgressDisplay.eta(7, 0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void theEnvironmentChoosesTheModeElseTheTerminalDoes() {
        assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.mode("plain", true));
        assertEquals(ProgressDisplay.Mode.BAR, ProgressDisplay.mode("BAR", false));
        assertEquals(ProgressDisplay.Mode.OFF, ProgressDisplay.mode("off", true));
        assertEquals(ProgressDisplay.Mode.BAR, ProgressDisplay.mode(null, true));
        assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.mode(null, false));
    }
}
