package org.relucert.certify;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.relucert.Progress;
import org.relucert.net.Network;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;
import org.relucert.verify.Verifier;

/**
 * Runs single jobs of a {@link Workload}: the clean image first (misclassified: no bound is computed),
 * then the method. Any failure of a job, including running out of memory, becomes an {@code error}
 * result with its message. Thread-safe; one instance is shared by all workers of a process.
 */
public final class Certifier {
    /** Version written into every result. */
    public static final String VERSION = "relucert 0.1.0";

    private static final Map<CertifyPlan, Certifier> CACHE = new ConcurrentHashMap<>();

    private final Workload workload;
    /** One bounder per network, built up front (read-only afterwards, so shared without locks). */
    private final Map<Network, MarginBounder> bounders = new IdentityHashMap<>();

    public Certifier(Workload workload) {
        this.workload = workload;
        for (Workload.Item item : workload.items()) {
            bounders.computeIfAbsent(item.net(), MarginBounder::new);
        }
    }

    /** The process-wide certifier of a plan (built once per JVM, e.g. once per Spark executor). */
    public static Certifier forPlan(CertifyPlan plan) {
        return CACHE.computeIfAbsent(plan, p -> new Certifier(Workload.load(p)));
    }

    public Workload workload() {
        return workload;
    }

    /** Runs one job; never throws. */
    public JobResult run(Job job) {
        long start = System.nanoTime();
        String verdict;
        double margin = Double.NaN;
        String message = "";
        try {
            Workload.Item item = workload.items().get(job.item());
            if (item.image() != null && !classifiedCorrectly(item)) {
                verdict = Verdicts.MISCLASSIFIED;
            } else {
                Property property = workload.property(item, job.eps());
                if (job.method().kind() == Method.Kind.VERIFY) {
                    double seconds = item.image() == null && job.method().name().equals("verify")
                            ? item.timeout() : job.method().seconds();
                    Outcome o = verify(item.net(), property, seconds);
                    verdict = o.verdict();
                    margin = o.margin();
                    message = o.note();
                } else {
                    margin = bounder(item.net()).margin(property, job.method().kind());
                    verdict = margin > 0 ? Verdicts.CERTIFIED : Verdicts.UNKNOWN;
                }
            }
        } catch (Throwable t) { // an OutOfMemoryError or a bug in one job must not stop the others
            verdict = Verdicts.ERROR;
            margin = Double.NaN;
            message = t.toString();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new JobResult(job.name(), Job.epsText(job.eps()), job.method().name(), verdict, margin, seconds,
                VERSION, message);
    }

    private MarginBounder bounder(Network net) {
        return bounders.get(net);
    }

    /** True when the label's output is strictly larger than every other output at the clean image. */
    private boolean classifiedCorrectly(Workload.Item item) {
        double[] y = item.net().evaluate(workload.cleanInput(item));
        int label = item.image().label();
        for (int j = 0; j < y.length; j++) {
            if (j != label && !(y[label] > y[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A verify job's verdict, margin and note. The margin is the verifier's proved lower bound of the
     * property margin ({@link Verdict#provedBound}; NaN when none was proved), for every verdict: the column
     * keeps one meaning. A falsified job's note gives the margin at its re-checked counterexample (an upper
     * bound of the true minimum).
     */
    private record Outcome(String verdict, double margin, String note) {
    }

    /** Complete verification on one thread (the workers run jobs in parallel). */
    private static Outcome verify(Network net, Property property, double seconds) {
        Verifier.Options d = Verifier.Options.defaults(seconds);
        Verifier.Options options = new Verifier.Options(seconds, 1, d.rootAlphaSteps(), d.leafAlphaSteps(), d.seed());
        Verdict v = Verifier.verify(net, property, options, Progress.NONE);
        double bound = v.provedBound() == Double.NEGATIVE_INFINITY ? Double.NaN : v.provedBound();
        return switch (v.kind()) {
            case UNSAT -> new Outcome(Verdicts.CERTIFIED, bound, v.note());
            case TIMEOUT -> new Outcome(Verdicts.TIMEOUT, bound, v.note());
            case UNKNOWN -> new Outcome(Verdicts.UNKNOWN, bound, v.note());
            case SAT -> recheck(net, property, v, bound);
        };
    }

    /** A counterexample counts only if it lies in a case's box and its recomputed output is unsafe there. */
    private static Outcome recheck(Network net, Property property, Verdict v, double bound) {
        double[] y = net.evaluate(v.x());
        List<Property.Case> cases = property.cases();
        for (Property.Case cs : cases) {
            if (cs.input().contains(v.x(), 1e-9) && cs.margin(y) <= 0) {
                return new Outcome(Verdicts.FALSIFIED, bound,
                        String.format(Locale.ROOT, "counterexample re-checked: margin %.6g at it", cs.margin(y)));
            }
        }
        return new Outcome(Verdicts.UNKNOWN, bound, "the verifier's counterexample failed the re-check");
    }
}
