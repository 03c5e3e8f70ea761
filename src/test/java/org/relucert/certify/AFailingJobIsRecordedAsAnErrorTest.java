package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that throws becomes an {@code error} result with its message; the other jobs still run. */
class AFailingJobIsRecordedAsAnErrorTest {
    @TempDir
    Path dir;

    @Test
    void theOtherJobsFinish() throws Exception {
        CertifyFixtures.write(dir, 3, 6);
        CertifyPlan plan = CertifyFixtures.plan(dir, List.of(0.05), "deeppoly");
        Certifier certifier = new Certifier(Workload.load(plan));
        List<Job> jobs = new ArrayList<>(certifier.workload().jobs());
        // an item that does not exist: the job throws inside Certifier.run
        jobs.add(2, new Job(99, "broken", 0.05, Method.parse("deeppoly")));
        List<JobResult> results = new ArrayList<>();
        new ThreadEngine().run(plan, certifier, jobs, 2, null, results::add);
        assertEquals(7, results.size());
        JobResult broken = results.stream().filter(r -> r.image().equals("broken")).findFirst().orElseThrow();
        assertEquals(Verdicts.ERROR, broken.verdict());
        assertTrue(broken.message().contains("IndexOutOfBounds"), broken.message());
        assertEquals(6, results.stream().filter(r -> !r.verdict().equals(Verdicts.ERROR)).count());
    }
}
