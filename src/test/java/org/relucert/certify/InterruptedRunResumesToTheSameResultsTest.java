package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.net.RandomNetworks;

/**
 * A certify run in a child JVM is killed (destroyForcibly, i.e. SIGKILL) after some results are written;
 * {@code --resume} then runs only the missing jobs, and the final results equal those of an uninterrupted
 * run, with every job exactly once in results.csv.
 */
class InterruptedRunResumesToTheSameResultsTest {
    @TempDir
    Path dir;

    @Test
    void killedRunResumesWithoutRunningAnyJobTwice() throws Exception {
        CertifyFixtures.write(dir, RandomNetworks.fullyConnected(21, 64, new int[] {100, 100, 100}, 10), 21, 120);
        List<Double> eps = List.of(0.01, 0.03);
        CertifyPlan plan = CertifyFixtures.plan(dir, eps, "deeppoly,alpha-crown");
        Path out = dir.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.relucert.cli.Main", "certify",
                "--net", plan.net(), "--data", plan.data(), "--eps", "0.01,0.03", "--method", "deeppoly,alpha-crown",
                "--workers", "1", "--quiet", "--out", out.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path results = out.resolve("results.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(results) < 31 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor();
        int before = lines(results) - 1;
        int total = 120 * 2 * 2;
        assertTrue(before >= 30 && before < total, before + " results before the kill");

        CertifyRun.Outcome resumed = CertifyRun.run(plan, out, true, new ThreadEngine(), 2, null, CertifyRun.Listener.NONE);
        assertEquals(total - before, resumed.ran(), "only the missing jobs ran");
        CertifyRun.Outcome fresh = CertifyRun.run(plan, dir.resolve("fresh"), false, new ThreadEngine(), 2, null,
                CertifyRun.Listener.NONE);

        List<String> rows = Files.readAllLines(results);
        Set<String> keys = new HashSet<>();
        for (String line : rows.subList(1, rows.size())) {
            JobResult r = JobResult.parse(line);
            assertTrue(r != null, "a whole line: " + line);
            assertTrue(keys.add(r.key()), "job written twice: " + r.key());
        }
        assertEquals(total, keys.size());
        Map<String, JobResult> expected = new HashMap<>();
        fresh.results().forEach(r -> expected.put(r.key(), r));
        assertEquals(total, resumed.results().size());
        for (JobResult r : resumed.results()) {
            JobResult e = expected.get(r.key());
            assertEquals(e.verdict(), r.verdict(), r.key());
            assertEquals(e.margin(), r.margin(), 0.0, r.key());
        }
        assertEquals(fresh.summary(), resumed.summary());
    }

    private static int lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) Files.readString(file).chars().filter(c -> c == '\n').count();
    }
}
