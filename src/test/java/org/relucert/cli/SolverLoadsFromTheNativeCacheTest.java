package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LP domain run in a fresh JVM loads OR-Tools' JNI library from the native cache (not from a new temporary
 * copy of the jar's 71 MB), and a second run uses the same cached folder; the answers are the solver's.
 */
class SolverLoadsFromTheNativeCacheTest {
    @TempDir
    Path dir;

    private String run(Path net, Path cache, String log) throws IOException, InterruptedException {
        Path out = dir.resolve(log + ".out");
        Path err = dir.resolve(log + ".err");
        Path lib = dir.resolve(log + ".log");
        Process p = ChildJvm.start(List.of("-Drelucert.nativeCache=" + cache, "-Xlog:library=info:file=" + lib),
                out, err, "bounds", "--net", net.toString(), "--box=-1:1,-1:1", "--domain", "triangle");
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertTrue(Files.readString(out).startsWith("triangle       [-1, 2]"), Files.readString(out));
        return Files.readString(lib);
    }

    @Test
    void theJniLibraryLoadsFromTheCacheInEveryRun() throws IOException, InterruptedException {
        Path net = dir.resolve("max2.json");
        try (InputStream in = getClass().getResourceAsStream("/examples/max2.json")) {
            Files.copy(in, net);
        }
        Path cache = dir.resolve("cache");
        String first = run(net, cache, "first");
        String second = run(net, cache, "second");
        for (String log : List.of(first, second)) {
            assertTrue(log.matches("(?s).*Loaded library " + cache + "/ortools-[^/]+/libjniortools\\.so.*"), log);
        }
    }
}
