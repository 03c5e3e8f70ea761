package org.relucert.certify.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.relucert.certify.Certifier;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.Job;
import org.relucert.certify.JobResult;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The jobs as one Spark job, one {@link JobBatches batch} per partition, longest first, so the scheduler
 * hands the next batch to whichever executor slot is free and the batches shrink to single short jobs at
 * the end. The plan goes to the executors once as a broadcast variable; each executor JVM rebuilds the
 * workload from it once ({@link Certifier#forPlan}, cached per process: the plan's files must be readable
 * on every executor, e.g. on a shared file system) and runs its jobs with the same code as the thread
 * engine. Results come back to the driver one partition at a time as they finish (Spark's result
 * handler) and go to the sink there, so only the driver writes OUT. A task lost with its executor is
 * re-run by Spark; its results reach the sink once.
 */
final class SparkJobs {
    private SparkJobs() {
    }

    /** A Spark context for {@code master} (null: spark-submit's, else local with {@code workers} slots). */
    static JavaSparkContext start(int workers, String master) {
        SparkConf conf = new SparkConf().setAppName("relucert certify");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + Math.max(1, workers) + "]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.set("spark.ui.enabled", "false");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }

    /** Runs the jobs on an existing context. */
    static void run(JavaSparkContext sc, CertifyPlan plan, List<Job> jobs, Consumer<JobResult> sink) {
        List<ArrayList<Job>> batches = JobBatches.of(jobs, sc.defaultParallelism());
        JavaRDD<ArrayList<Job>> rdd = sc.parallelize(batches, batches.size());
        Broadcast<CertifyPlan> shared = sc.broadcast(plan);
        ClassTag<ArrayList<JobResult>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
        try {
            sc.sc().runJob(rdd.rdd(), new RunPartition(shared), new Handler(sink), tag);
        } finally {
            shared.destroy();
        }
    }

    /** Runs on an executor: the partition's jobs through the executor's certifier. */
    private static final class RunPartition
            extends AbstractFunction2<TaskContext, Iterator<ArrayList<Job>>, ArrayList<JobResult>>
            implements Serializable {
        private static final long serialVersionUID = 2L;
        private final Broadcast<CertifyPlan> plan;

        RunPartition(Broadcast<CertifyPlan> plan) {
            this.plan = plan;
        }

        @Override
        public ArrayList<JobResult> apply(TaskContext context, Iterator<ArrayList<Job>> partition) {
            Certifier certifier = Certifier.forPlan(plan.value());
            ArrayList<JobResult> out = new ArrayList<>();
            while (partition.hasNext()) {
                for (Job job : partition.next()) {
                    out.add(certifier.run(job));
                }
            }
            return out;
        }
    }

    /** Runs on the driver as each partition's results arrive. */
    private static final class Handler extends AbstractFunction2<Object, ArrayList<JobResult>, BoxedUnit> {
        private final Consumer<JobResult> sink;

        Handler(Consumer<JobResult> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<JobResult> results) {
            synchronized (sink) {
                for (JobResult r : results) {
                    sink.accept(r);
                }
            }
            return BoxedUnit.UNIT;
        }
    }
}
