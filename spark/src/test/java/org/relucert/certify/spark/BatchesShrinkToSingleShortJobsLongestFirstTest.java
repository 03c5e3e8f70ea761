package org.relucert.certify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relucert.certify.Job;
import org.relucert.certify.Method;

/** Spark's partitions: every job once, longest first, few partitions, and single short jobs at the end. */
class BatchesShrinkToSingleShortJobsLongestFirstTest {

    @Test
    void batchesCoverEveryJobOnceLongestFirstAndEndWithSingleJobs() {
        List<Job> jobs = new ArrayList<>();
        List<Method> methods = Method.parseList("ibp,deeppoly,alpha-crown,verify:5");
        for (int i = 0; i < 300; i++) {
            for (double eps : new double[] {0.005, 0.01, 0.02, 0.03}) {
                for (Method m : methods) {
                    jobs.add(new Job(i, Integer.toString(i + 1), eps, m));
                }
            }
        }
        int slots = 2;
        List<ArrayList<Job>> batches = JobBatches.of(jobs, slots);
        List<Job> flat = new ArrayList<>();
        batches.forEach(flat::addAll);
        assertEquals(jobs.size(), flat.size());
        Set<String> keys = new HashSet<>();
        flat.forEach(j -> keys.add(j.key()));
        assertEquals(jobs.size(), keys.size(), "a job in two batches");
        for (int k = 1; k < flat.size(); k++) {
            assertTrue(flat.get(k - 1).cost() >= flat.get(k).cost(), "not longest first at " + k);
        }
        assertTrue(batches.size() < jobs.size() / 20, batches.size() + " partitions for " + jobs.size() + " jobs");
        for (int k = 1; k < batches.size(); k++) {
            assertTrue(cost(batches.get(k)) <= cost(batches.get(k - 1)) + flat.get(0).cost(),
                    "batch " + k + " much larger than the one before");
        }
        for (ArrayList<Job> last : batches.subList(batches.size() - slots, batches.size())) {
            assertEquals(1, last.size(), "the last batches are single jobs");
        }
        double total = cost(flat);
        for (ArrayList<Job> b : batches) {
            assertTrue(b.size() == 1 || cost(b) <= total / (JobBatches.BATCHES_PER_SLOT * slots),
                    "a batch of " + b.size() + " jobs takes more than its share");
        }
    }

    @Test
    void noJobsGiveNoBatchesAndOneSlotStillBatches() {
        assertTrue(JobBatches.of(List.of(), 2).isEmpty());
        Method ibp = Method.parseList("ibp").get(0);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            jobs.add(new Job(i, Integer.toString(i + 1), 0.01, ibp));
        }
        List<ArrayList<Job>> batches = JobBatches.of(jobs, 1);
        assertTrue(batches.size() > 1 && batches.size() < 40, batches.size() + " batches");
    }

    private static double cost(List<Job> jobs) {
        double c = 0;
        for (Job j : jobs) {
            c += j.cost();
        }
        return c;
    }
}
