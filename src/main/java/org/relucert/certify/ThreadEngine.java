package org.relucert.certify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The default engine: worker threads sharing one certifier (one copy of each network), taking jobs from
 * one queue ordered longest first (estimated from method and radius), so the last jobs to start are the
 * short ones and no core idles at the end while another runs a long job.
 */
public final class ThreadEngine implements Engine {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public void run(CertifyPlan plan, Certifier local, List<Job> jobs, int workers, String master,
                    Consumer<JobResult> sink) throws InterruptedException {
        List<Job> order = new ArrayList<>(jobs);
        order.sort(Comparator.comparingDouble(Job::cost).reversed());
        ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(order);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.max(1, workers); w++) {
            Thread t = new Thread(() -> {
                Job job;
                while ((job = queue.poll()) != null) {
                    JobResult r = local.run(job);
                    synchronized (sink) {
                        sink.accept(r);
                    }
                }
            }, "certify-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
