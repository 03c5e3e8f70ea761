package org.relucert.certify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.certify.CertifyFixtures;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.CertifyRun;
import org.relucert.certify.Engine;
import org.relucert.certify.JobResult;
import org.relucert.certify.ThreadEngine;

/**
 * The same job list on the thread pool and on embedded Spark (local[2]) gives the same verdicts and margins
 * (verify margins: see {@link #VERIFY_TOLERANCE}).
 */
class SparkAndThreadEnginesGiveIdenticalResultsTest {
    /**
     * Relative tolerance on the margins of certified verify jobs (proved bounds); margins of other verify
     * verdicts (time-outs, unknown) depend on how far the time limit let the search go and are not compared.
     */
    private static final double VERIFY_TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void embeddedSparkAgreesWithTheThreadPool() throws Exception {
        CertifyFixtures.write(dir, 7, 12);
        CertifyPlan plan = CertifyFixtures.plan(dir, List.of(0.02, 0.08), "ibp,deeppoly,alpha-crown,verify:20");
        Engine spark = CertifyRun.engine("spark");
        assertEquals("spark", spark.name());
        CertifyRun.Outcome threads = CertifyRun.run(plan, dir.resolve("threads"), false, new ThreadEngine(), 2, null,
                CertifyRun.Listener.NONE);
        CertifyRun.Outcome sparked = CertifyRun.run(plan, dir.resolve("spark"), false, spark, 2, "local[2]",
                CertifyRun.Listener.NONE);
        assertEquals(12 * 2 * 4, threads.results().size());
        assertEquals(threads.results().size(), sparked.results().size());
        Map<String, JobResult> byKey = new HashMap<>();
        threads.results().forEach(r -> byKey.put(r.key(), r));
        int certified = 0;
        for (JobResult r : sparked.results()) {
            JobResult t = byKey.get(r.key());
            assertEquals(t.verdict(), r.verdict(), r.key());
            if (!r.method().startsWith("verify")) {
                assertEquals(t.margin(), r.margin(), 0.0, r.key());
            } else if (r.certified()) {
                // the verifier's proved bound: the same tree on both engines unless a time limit cut a step short
                assertTrue(r.margin() >= 0 && t.margin() >= 0, r.key());
                assertEquals(t.margin(), r.margin(), VERIFY_TOLERANCE * Math.max(1, Math.abs(t.margin())), r.key());
            } else if (r.verdict().equals("falsified")) {
                // bounds proved before the (time-limited) search found its counterexample, if any
                assertTrue(!(r.margin() > 0) && !(t.margin() > 0), r.key());
            }
            certified += r.certified() ? 1 : 0;
        }
        assertTrue(certified > 0 && certified < sparked.results().size(), certified + " certified");
        assertEquals(threads.summary(), sparked.summary());
        assertEquals(12 * 2 * 4 + 1, Files.readAllLines(dir.resolve("spark").resolve("results.csv")).size());
    }
}
