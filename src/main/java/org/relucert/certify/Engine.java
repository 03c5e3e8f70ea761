package org.relucert.certify;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a list of jobs somewhere and hands each result to {@code sink} on the calling process as soon as it
 * is known (the sink is called from one thread at a time). Engines must give the same results for the
 * same jobs.
 */
public interface Engine extends AutoCloseable {
    /** The {@code --engine} name. */
    String name();

    /** Throws InvalidInputException when the engine cannot run here (called before any work starts). */
    default void checkAvailable() {
    }

    /**
     * @param plan    the plan, from which remote workers rebuild the workload ({@link Certifier#forPlan})
     * @param local   this process's certifier of the plan
     * @param workers parallel workers (threads; for Spark the master decides, this is the partition hint)
     * @param master  Spark master URL or null
     */
    void run(CertifyPlan plan, Certifier local, List<Job> jobs, int workers, String master, Consumer<JobResult> sink)
            throws Exception;

    /** True when {@link #writeParquet} works here (the Spark engine; checked before any work starts). */
    default boolean writesParquet() {
        return false;
    }

    /**
     * Writes every row of {@code resultsCsv} (a results.csv, including rows of earlier runs) to the Parquet
     * data set {@code target}, replacing it. Called after {@link #run}, on the same engine.
     */
    default void writeParquet(Path resultsCsv, Path target, int workers, String master) throws Exception {
        throw new UnsupportedOperationException(name() + " does not write Parquet");
    }

    /** Releases what the engine holds across {@link #run} and {@link #writeParquet} (a Spark context). */
    @Override
    default void close() {
    }
}
