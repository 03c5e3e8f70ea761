package org.relucert.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The worker pool of the API: every computation runs here, never on a request thread of the web server, with
 * a per-request time limit. A request may name itself ({@code "request_id"}) so that the page can ask for its
 * progress and cancel it. Cancelling (or the time limit) interrupts the worker and answers the request at
 * once; the relaxations check for the interruption between steps (domains, gap-map panels), so a step
 * already inside one LP or MILP still runs to its end in the background.
 */
final class Jobs {

    /** Progress of one job: steps done of a total, and the current stage. */
    static final class Progress {
        private final AtomicInteger done = new AtomicInteger();
        private final int total;
        private final long start = System.nanoTime();
        private volatile String stage = "queued";

        Progress(int total) {
            this.total = total;
        }

        /** Marks the start of a step; throws if the job was cancelled. */
        void stage(String s) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled");
            }
            stage = s;
        }

        void stepDone() {
            done.incrementAndGet();
        }

        ObjectNode document(String id) {
            ObjectNode o = Documents.MAPPER.createObjectNode();
            o.put("request_id", id);
            o.put("stage", stage);
            o.put("done", done.get());
            o.put("total", total);
            o.put("seconds", (System.nanoTime() - start) / 1e9);
            return o;
        }
    }

    /** A job that did not finish: answered with {@code status} and the message. */
    static final class JobFailed extends RuntimeException {
        final int status;

        JobFailed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private record Running(Future<ObjectNode> future, Progress progress) {
    }

    private final ExecutorService pool;
    private final double timeLimitSeconds;
    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();

    Jobs(int workers, double timeLimitSeconds) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "relucert-serve-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeLimitSeconds = timeLimitSeconds;
    }

    /** Runs {@code work} in the pool and waits for it within the time limit. */
    ObjectNode run(String id, int steps, Function<Progress, ObjectNode> work) {
        Progress progress = new Progress(steps);
        Future<ObjectNode> f = pool.submit(() -> work.apply(progress));
        if (id != null) {
            if (running.putIfAbsent(id, new Running(f, progress)) != null) {
                f.cancel(true);
                throw new JobFailed(409, "request_id '" + id + "' is already running");
            }
        }
        try {
            return f.get((long) Math.ceil(timeLimitSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new JobFailed(408, "time limit of " + timeLimitSeconds + " s exceeded; the computation was"
                    + " cancelled (start the server with a larger --time-limit)");
        } catch (CancellationException e) {
            throw new JobFailed(409, "cancelled");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new JobFailed(409, "cancelled");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CancellationException) {
                throw new JobFailed(409, "cancelled");
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            if (id != null) {
                running.remove(id);
            }
        }
    }

    /** Cancels a running job; false when no job of that id runs. */
    boolean cancel(String id) {
        Running r = running.get(id);
        return r != null && r.future().cancel(true);
    }

    /** The progress of a running job, or null. */
    ObjectNode progress(String id) {
        Running r = running.get(id);
        return r == null ? null : r.progress().document(id);
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
