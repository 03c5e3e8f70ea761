package org.relucert.relax;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a few tasks at once: the first on the calling thread, the others on threads of their own. */
final class Parallel {

    private Parallel() {
    }

    /** Runs the tasks and waits for all of them; rethrows the first failure. */
    static void runAll(Runnable[] tasks) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread[] threads = new Thread[tasks.length - 1];
        for (int t = 0; t < threads.length; t++) {
            Runnable task = tasks[t + 1];
            threads[t] = new Thread(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "lp-worker-" + (t + 1));
            threads[t].start();
        }
        try {
            tasks[0].run();
        } finally {
            boolean interrupted = false;
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
