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
import org.relucert.report.PaperReport;

/**
 * {@code bench}, {@code bench lp} and {@code paper} take {@code --timeout S}: what is not started before the
 * limit is skipped and listed; exit 12 when nothing ran, 0 with the partial result flagged otherwise.
 */
class BenchAndPaperStopAtTheirTimeoutTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void benchWithATinyTimeoutListsTheSkippedShapesAndExitsTwelve() {
        long t0 = System.nanoTime();
        Run r = run("bench", "--timeout", "0.000001", "--shapes", "acasxu,mnist", "--domains", "ibp,deeppoly");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Main.TIMED_OUT, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("not run (time limit") && r.out().contains("ACAS Xu 5-50x6-5 ibp")
                && r.out().contains("MNIST 784-256x6-10 deeppoly"), r.out());
        assertTrue(seconds < 30, "bench took " + seconds + " s");
    }

    @Test
    void benchWithinItsTimeoutListsNothingAsSkipped() {
        Run r = run("bench", "--timeout", "0", "--shapes", "acasxu", "--domains", "ibp", "--warmup", "0", "--reps", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ACAS Xu 5-50x6-5"), r.out());
        assertFalse(r.out().contains("not run ("), r.out());
    }

    @Test
    void benchLpWithATinyTimeoutListsTheSkippedPairsAndExitsTwelve() {
        Run r = run("bench", "lp", "--timeout", "0.000001", "--repeats", "1");
        assertEquals(Main.TIMED_OUT, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("not run (time limit") && r.out().contains("2-8-8-1 exact"), r.out());
    }

    @Test
    void negativeTimeoutIsABadInput(@TempDir Path dir) {
        assertEquals(Main.BAD_INPUT, run("bench", "--timeout", "-1").code());
        assertEquals(Main.BAD_INPUT, run("bench", "lp", "--timeout", "-1").code());
        Run p = run("paper", "--quick", "--out", dir.toString(), "--timeout", "-1");
        assertEquals(Main.BAD_INPUT, p.code());
        assertTrue(p.err().contains("--timeout"), p.err());
    }

    @Test
    void paperWithATinyTimeoutWritesAReportOfSectionsNotRunAndExitsTwelve(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        Run r = run("paper", "--quick", "--out", dir.toString(), "--timeout", "0.000001");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Main.TIMED_OUT, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("partial report: not run (time limit): Table 1 of P1"), r.out());
        assertTrue(r.out().contains("0 claims") || r.out().contains("no claims"), r.out());
        String md = Files.readString(dir.resolve("report.md"));
        for (String name : PaperReport.SECTION_NAMES) {
            assertTrue(md.contains("| " + name + " | not run (time limit) |"), name + " in\n" + md);
        }
        assertFalse(md.contains("Every claim checked was reproduced"), md);
        assertTrue(seconds < 30, "paper took " + seconds + " s");
    }

    @Test
    void paperPastItsTimeoutKeepsTheSectionsRunAndListsTheRestAsNotRun(@TempDir Path dir) throws Exception {
        // Table 1 starts at once (the deadline starts just before it) and takes seconds even in quick mode, so the
        // limit passes while it runs: it finishes, every later section is skipped.
        Run r = run("paper", "--quick", "--out", dir.toString(), "--timeout", "0.3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Table 1 of P1 with evidence") && r.out().contains("reproduced"), r.out());
        assertTrue(r.out().contains("partial report: not run (time limit): Solution-space count"), r.out());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("**Partial report:**") && md.contains("| Encoding search | not run (time limit) |"), md);
        assertTrue(md.contains("## 1. Table 1 of P1") && !md.contains("## 2. "), md);
    }
}
