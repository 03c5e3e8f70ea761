package org.relucert.certify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.relucert.InvalidInputException;

/**
 * A whole certification run: checks every input, takes OUT's lock, skips jobs already in OUT/results.csv
 * when resuming, runs the rest on an engine writing each result as it arrives, then writes
 * OUT/summary.csv and the plot OUT/certified_accuracy.png/.svg, and on request OUT/results.parquet (every
 * row of results.csv, written by the Spark engine, or by Spark after the thread engine when Spark is on the
 * class path).
 */
public final class CertifyRun {

    /** Receives progress: the total and skipped counts once, then every finished job. */
    public interface Listener {
        void started(int total, int skipped);

        void finished(JobResult result, int done, int certified);

        Listener NONE = new Listener() {
            @Override
            public void started(int total, int skipped) {
            }

            @Override
            public void finished(JobResult result, int done, int certified) {
            }
        };
    }

    /** The results of every job of the plan (by key, in job order) and their summary. */
    public record Outcome(List<JobResult> results, Summary summary, int ran) {
    }

    private CertifyRun() {
    }

    /**
     * Runs the plan into {@code out}. Bad input (InvalidInputException) is reported before any job runs and
     * before OUT is touched.
     */
    public static Outcome run(CertifyPlan plan, Path out, boolean resume, Engine engine, int workers, String master,
                              Listener listener) throws Exception {
        return run(plan, out, resume, engine, workers, master, false, listener);
    }

    /**
     * As {@link #run(CertifyPlan, Path, boolean, Engine, int, String, Listener)}; with {@code parquet} also
     * writes OUT/results.parquet from all rows of results.csv at the end (InvalidInputException up front when
     * neither the engine nor Spark on the class path can write it). The engine is closed at the end (it may
     * hold a Spark context from the jobs to the Parquet writing); it can run again.
     */
    public static Outcome run(CertifyPlan plan, Path out, boolean resume, Engine engine, int workers, String master,
                              boolean parquet, Listener listener) throws Exception {
        Engine writer = parquet ? parquetWriter(engine) : null;
        try {
            Outcome o = runJobs(plan, out, resume, engine, workers, master, listener);
            if (writer != null) {
                writer.writeParquet(out.resolve("results.csv"), out.resolve("results.parquet"), workers, master);
            }
            return o;
        } finally {
            engine.close();
            if (writer != null && writer != engine) {
                writer.close();
            }
        }
    }

    private static Engine parquetWriter(Engine engine) {
        if (engine.writesParquet()) {
            return engine;
        }
        try {
            Engine spark = engine("spark");
            if (spark.writesParquet()) {
                return spark;
            }
        } catch (InvalidInputException e) {
            // falls through to the error below
        }
        throw new InvalidInputException("--parquet: OUT/results.parquet is written with Spark, which is not on the"
                + " class path: run through spark-submit or with the Spark class path (docs/certify.md)");
    }

    private static Outcome runJobs(CertifyPlan plan, Path out, boolean resume, Engine engine, int workers,
                                   String master, Listener listener) throws Exception {
        Certifier certifier = Certifier.forPlan(plan);
        Workload workload = certifier.workload();
        List<Job> jobs = workload.jobs();
        Map<String, JobResult> results = new LinkedHashMap<>();
        int ran;
        try (ResultsFile file = ResultsFile.open(out, resume)) {
            List<Job> todo = new ArrayList<>();
            int[] certified = {0};
            for (Job j : jobs) {
                JobResult old = file.done().get(j.key());
                if (old == null) {
                    todo.add(j);
                } else {
                    results.put(j.key(), old);
                    certified[0] += old.certified() ? 1 : 0;
                }
            }
            listener.started(jobs.size(), jobs.size() - todo.size());
            int[] done = {jobs.size() - todo.size()};
            engine.run(plan, certifier, todo, workers, master, r -> {
                file.append(r);
                results.put(r.key(), r);
                done[0]++;
                certified[0] += r.certified() ? 1 : 0;
                listener.finished(r, done[0], certified[0]);
            });
            ran = todo.size();
        }
        Summary summary = Summary.of(jobs, results, workload.items().size());
        summary.write(out.resolve("summary.csv"));
        String title = plan.net() == null ? "certified accuracy" : "certified accuracy of " + Path.of(plan.net()).getFileName();
        AccuracyPlot.write(summary, title, out.resolve("certified_accuracy"));
        List<JobResult> ordered = new ArrayList<>();
        for (Job j : jobs) {
            JobResult r = results.get(j.key());
            if (r != null) {
                ordered.add(r);
            }
        }
        return new Outcome(ordered, summary, ran);
    }

    /** The engine called {@code name}: {@code threads}, or one found by the service loader (Spark). */
    public static Engine engine(String name) {
        if (name.equals("threads")) {
            return new ThreadEngine();
        }
        try {
            for (Engine e : ServiceLoader.load(Engine.class)) {
                if (e.name().equals(name)) {
                    e.checkAvailable();
                    return e;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new InvalidInputException("--engine " + name + ": cannot load it (" + e.getMessage()
                    + "); the Spark engine needs Spark on the class path: see docs/certify.md");
        }
        throw new InvalidInputException("--engine " + name + ": not available (threads"
                + (name.equals("spark") ? "; the Spark engine needs Spark on the class path: see docs/certify.md" : "")
                + ")");
    }
}
