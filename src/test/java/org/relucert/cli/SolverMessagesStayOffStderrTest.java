package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCIP's native messages never reach stderr (issue 15: {@code ERROR:} lines while {@code bounds} exited 0):
 * a network whose MILP has a variable bound beyond SCIP's infinity (1e20) is not given to SCIP; the
 * failure is a note naming the cause, stdout and stderr carry no solver line, and the bound is the
 * sound triangle bound.
 */
class SolverMessagesStayOffStderrTest {

    @Test
    void aMilpBeyondScipsInfinityIsANoteNotAnErrorLine(@TempDir Path dir) throws Exception {
        // pre-activation in [-5e10, 5e10] (unstable), output up to 5e21: beyond SCIP's infinity, below 1e30
        Path net = dir.resolve("big.json");
        Files.writeString(net, "{\"format\": \"relucert-net/1\", \"inputs\": 1, \"nodes\": ["
                + "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], \"weight\": [[1e11]], \"bias\": [-5e10]},"
                + "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"h\"]},"
                + "{\"name\": \"y\", \"op\": \"affine\", \"from\": [\"r\"], \"weight\": [[1e11]], \"bias\": [0]}],"
                + " \"output\": \"y\"}");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = ChildJvm.start(List.of("-Xmx256m"), out, err, "bounds", "--net", net.toString(), "--box", "0:1",
                "--domain", "exact,triangle");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertFalse(stderr.contains("ERROR"), stderr);
        assertFalse(stdout.contains("ERROR"), stdout);
        assertTrue(stdout.contains("beyond SCIP's infinity"), stdout);
    }
}
