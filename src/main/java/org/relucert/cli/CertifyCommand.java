package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.certify.CertifyPlan;
import org.relucert.certify.CertifyRun;
import org.relucert.certify.Engine;
import org.relucert.certify.JobResult;
import org.relucert.certify.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert certify}: certified accuracy of a network on a data set, or of a VNN-LIB instance list. */
@Command(name = "certify", mixinStandardHelpOptions = true,
        header = "Certify L-infinity robustness of a data set for every eps and method.",
        description = {"Certify L-infinity robustness of every image (or VNN-LIB instance) for every eps and method;"
                + " writes OUT/results.csv as jobs finish, OUT/summary.csv and OUT/certified_accuracy.png/.svg.",
                "Methods: ibp, deeppoly (= crown), alpha-crown, verify[:seconds] (default "
                        + Method.DEFAULT_VERIFY_SECONDS + " s; plain verify on --instances: each instance's time-out).",
                "Exit codes: 0 done, 2 bad input (before any job runs), 1 internal error."})
final class CertifyCommand implements Callable<Integer> {

    @Option(names = "--net", paramLabel = "FILE", description = "network (.onnx or relucert-net/1 JSON)")
    Path net;

    @Option(names = "--data", paramLabel = "CSV", description = "images: label, then pixels 0-255 (HWC for colour)")
    Path data;

    @Option(names = "--instances", paramLabel = "CSV", description = "VNN-LIB instance list (onnx,vnnlib,timeout) instead of --net/--data")
    Path instances;

    @Option(names = "--limit", paramLabel = "K", description = "only the first K images / instances")
    Integer limit;

    @Option(names = "--eps", split = ",", paramLabel = "E", description = "radii in [0,1] pixel units, e.g. 0.01,0.02")
    List<Double> eps = new ArrayList<>();

    @Option(names = "--method", required = true, paramLabel = "M[,M2..]", description = "ibp, deeppoly, crown, alpha-crown, verify[:seconds]")
    String method;

    @Option(names = "--normalise", paramLabel = "MEANS:STDS", description = "per-channel normalisation after scaling to [0,1], e.g. 0.4914,0.4822,0.4465:0.2470,0.2435,0.2616")
    String normalise;

    @Option(names = "--channels", paramLabel = "C", description = "input channels (default 3 for 3 x square inputs, else 1)")
    Integer channels;

    @Option(names = "--out", defaultValue = "certify-out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer workers;

    @Option(names = "--resume", description = "continue OUT: skip the jobs already in OUT/results.csv")
    boolean resume;

    @Option(names = "--engine", defaultValue = "threads", paramLabel = "E", description = "threads (default) or spark")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] (default: spark-submit's)")
    String master;

    @Option(names = "--parquet", description = "also write OUT/results.parquet (all rows of results.csv) at the end;"
            + " needs Spark on the class path (docs/certify.md)")
    boolean parquet;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (workers != null && workers < 1) {
            throw new InvalidInputException("--workers must be at least 1, got " + workers);
        }
        if (instances != null && (net != null || data != null)) {
            throw new InvalidInputException("give either --instances or --net with --data, not both");
        }
        CertifyPlan plan = new CertifyPlan(abs(net), abs(data), abs(instances), limit, channels, normalise, eps,
                Method.parseList(method));
        Engine e = CertifyRun.engine(engine);
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        PrintWriter o = spec.commandLine().getOut();
        CertifyRun.Outcome outcome;
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressDisplay bar = ProgressDisplay.open("certify", quiet, err)) {
            outcome = CertifyRun.run(plan, out, resume, e, n, master, parquet, new CertifyRun.Listener() {
                private int total;

                @Override
                public void started(int total, int skipped) {
                    this.total = total;
                    bar.baseline(skipped);
                    if (!quiet) {
                        err.println("certify: " + total + " jobs" + (skipped > 0 ? ", " + skipped + " already done" : ""));
                        err.flush();
                    }
                }

                @Override
                public void finished(JobResult result, int done, int certified) {
                    bar.update(done, total, certified + " certified");
                }
            });
        }
        o.print(outcome.summary().table());
        o.println("results: " + out.resolve("results.csv") + " (" + outcome.ran() + " jobs run, "
                + (outcome.results().size() - outcome.ran()) + " from an earlier run); summary: "
                + out.resolve("summary.csv") + (parquet ? "; " + out.resolve("results.parquet") : ""));
        o.flush();
        return 0;
    }

    private static String abs(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }
}
