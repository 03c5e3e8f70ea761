package org.relucert.certify.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
 * The jobs as one Spark job with one job per partition, longest first, so the scheduler hands the next
 * job to whichever executor slot is free. Each executor rebuilds the workload from the plan once
 * ({@link Certifier#forPlan}: the plan's files must be readable on every executor, e.g. on a shared file
 * system) and runs its jobs with the same code as the thread engine. Results come back to the driver one
 * partition at a time as they finish (Spark's result handler) and go to the sink there, so only the
 * driver writes OUT. A task lost with its executor is re-run by Spark; its result reaches the sink once.
 */
final class SparkJobs {
    private SparkJobs() {
    }

    static void run(CertifyPlan plan, List<Job> jobs, int workers, String master, Consumer<JobResult> sink) {
        SparkConf conf = new SparkConf().setAppName("relucert certify");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + Math.max(1, workers) + "]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.set("spark.ui.enabled", "false");
        }
        List<Job> order = new ArrayList<>(jobs);
        order.sort(Comparator.comparingDouble(Job::cost).reversed());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            JavaRDD<Job> rdd = sc.parallelize(order, order.size());
            ClassTag<ArrayList<JobResult>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
            sc.sc().runJob(rdd.rdd(), new RunPartition(plan), new Handler(sink), tag);
        }
    }

    /** Runs on an executor: the partition's jobs through the executor's certifier. */
    private static final class RunPartition extends AbstractFunction2<TaskContext, Iterator<Job>, ArrayList<JobResult>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final CertifyPlan plan;

        RunPartition(CertifyPlan plan) {
            this.plan = plan;
        }

        @Override
        public ArrayList<JobResult> apply(TaskContext context, Iterator<Job> partition) {
            Certifier certifier = Certifier.forPlan(plan);
            ArrayList<JobResult> out = new ArrayList<>();
            while (partition.hasNext()) {
                out.add(certifier.run(partition.next()));
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
