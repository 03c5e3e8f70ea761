package org.relucert.certify.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.relucert.InvalidInputException;
import org.relucert.certify.Certifier;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.Engine;
import org.relucert.certify.Job;
import org.relucert.certify.JobResult;

/**
 * {@code --engine spark}: the same jobs as an Apache Spark job (see {@link SparkJobs}), and the optional
 * Parquet copy of the results ({@link ParquetResults}). Found through the service loader; checks that Spark
 * is on the class path before touching it, since the relucert jar does not bundle Spark (a cluster's
 * spark-submit provides it). One Spark context is started on first use and kept until {@link #close}, so the
 * jobs and the Parquet writing of a run pay Spark's start-up once.
 */
public final class SparkEngine implements Engine {
    private JavaSparkContext context;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void checkAvailable() {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidInputException("--engine spark: Spark is not on the class path; run through spark-submit"
                    + " or with the Spark class path (docs/certify.md)");
        }
    }

    @Override
    public void run(CertifyPlan plan, Certifier local, List<Job> jobs, int workers, String master,
                    Consumer<JobResult> sink) {
        checkAvailable();
        if (!jobs.isEmpty()) {
            SparkJobs.run(context(workers, master), plan, jobs, sink);
        }
    }

    @Override
    public boolean writesParquet() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void writeParquet(Path resultsCsv, Path target, int workers, String master) {
        checkAvailable();
        ParquetResults.write(context(workers, master), resultsCsv, target);
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    private synchronized JavaSparkContext context(int workers, String master) {
        if (context == null) {
            context = SparkJobs.start(workers, master);
        }
        return context;
    }
}
