package org.relucert.certify.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relucert.certify.Job;

/**
 * Groups jobs into Spark partitions: longest first (by {@link Job#cost}), each batch holding about
 * 1/{@value #BATCHES_PER_SLOT} of a slot's share of the estimated work still left (guided self-scheduling).
 * The first batches are large, so the per-task cost of Spark is paid for a few tens of partitions instead
 * of one per job; the batches shrink towards the end down to single short jobs, so a slot that finishes
 * early always finds a small batch left and no core idles while another runs a long one.
 */
final class JobBatches {
    /** Batches per slot in the share of the remaining work one batch takes. */
    static final int BATCHES_PER_SLOT = 4;

    private JobBatches() {
    }

    /** The jobs in batches for {@code slots} parallel task slots; every job in exactly one batch, in cost order. */
    static List<ArrayList<Job>> of(List<Job> jobs, int slots) {
        List<Job> order = new ArrayList<>(jobs);
        order.sort(Comparator.comparingDouble(Job::cost).reversed());
        double remaining = 0;
        for (Job j : order) {
            remaining += j.cost();
        }
        double share = BATCHES_PER_SLOT * (double) Math.max(1, slots);
        List<ArrayList<Job>> batches = new ArrayList<>();
        int i = 0;
        while (i < order.size()) {
            double target = remaining / share;
            ArrayList<Job> batch = new ArrayList<>();
            double cost = 0;
            do {
                Job j = order.get(i++);
                batch.add(j);
                cost += j.cost();
            } while (i < order.size() && cost + order.get(i).cost() <= target);
            remaining -= cost;
            batches.add(batch);
        }
        return batches;
    }
}
