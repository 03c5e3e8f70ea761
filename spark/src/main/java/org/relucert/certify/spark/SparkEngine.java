package org.relucert.certify.spark;

import java.util.List;
import java.util.function.Consumer;
import org.relucert.InvalidInputException;
import org.relucert.certify.Certifier;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.Engine;
import org.relucert.certify.Job;
import org.relucert.certify.JobResult;

/**
 * {@code --engine spark}: the same jobs as an Apache Spark job (see {@link SparkJobs}). Found through the
 * service loader; checks that Spark is on the class path before touching it, since the relucert jar does
 * not bundle Spark (a cluster's spark-submit provides it).
 */
public final class SparkEngine implements Engine {

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
            SparkJobs.run(plan, jobs, workers, master, sink);
        }
    }
}
