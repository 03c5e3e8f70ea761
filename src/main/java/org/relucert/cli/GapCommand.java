package org.relucert.cli;

import org.relucert.bounds.Deadline;
import org.relucert.bounds.TimeLimited;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.exact.ExactRange;
import org.relucert.exact.Range;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.BoxGap;
import org.relucert.precision.Gaps;
import org.relucert.precision.Tolerance;
import org.relucert.serve.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert gap}: the exact range on one box and each domain's distance from it. */
@Command(name = "gap", mixinStandardHelpOptions = true,
        header = "Compare each domain's bounds with the exact range of the output on a box.",
        description = {"The exact range of the output on a box (breakpoints for one input, activation-pattern "
                + "enumeration for few unstable neurons, else the MILP 'exact' domain when available) and, for each "
                + "domain, its bounds and the lower and upper gaps.",
                "Example: relucert gap --net f3.json --box=-1:2 --domain deeppoly0,deeppoly1,ibp"})
final class GapCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Mixin
    Inputs.BoxOption box;

    @Option(names = "--domain", required = true, paramLabel = "D[,D2,...]", description = "domains to compare")
    String domains;

    @Mixin
    Inputs.ExactOptions exactOptions;

    @Mixin
    Inputs.TimeLimit timeLimit;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Option(names = "--json", description = "print {\"exact\": {...}, \"domains\": [{domain, lower, upper, lower_gap, upper_gap, gap, exact}]}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Network network = net.load();
        Box b = box.load(network.inputSize());
        Deadline deadline = timeLimit.start();
        List<Relaxation> relaxations = Domains.parseList(domains);
        Inputs.preloadSolver(relaxations);
        long total = relaxations.size() + 1;
        AtomicLong done = new AtomicLong();
        try (ProgressDisplay bar = ProgressDisplay.open("gap", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds()).ticking(done::get, total, "exact range and domains")) {
            print(network, b, relaxations, deadline, bar.guard(spec.commandLine().getOut()),
                    () -> bar.update(done.incrementAndGet(), total, "exact range and domains"));
        }
        return 0;
    }

    private void print(Network network, Box b, List<Relaxation> relaxations, Deadline deadline, PrintWriter out,
                       Runnable stepDone) {
        Tolerance tol = exactOptions.tolerance();
        Range exact = ExactRange.of(network, b, exactOptions.outputIndex, exactOptions.maxUnstable, deadline);
        stepDone.run();
        List<ObjectNode> rows = new ArrayList<>();
        if (!json) {
            out.printf("%-14s %s   (%s; min at %s, max at %s)%n", "exact", Format.interval(exact.min(), exact.max()),
                    exact.method(), text(exact.argMin()), text(exact.argMax()));
            for (String note : exact.notes()) {
                out.println("    note: " + note);
            }
        }
        for (Relaxation r : relaxations) {
            BoxGap g = Gaps.withExact(network, b, new TimeLimited(r, deadline), exactOptions.outputIndex, tol, exact);
            stepDone.run();
            if (json) {
                rows.add(Documents.gapRow(r.name(), g));
            } else {
                String verdict = g.timeLimited() ? "time limit: looser sound bounds, the gap overstates the domain's"
                        : g.unsound() ? "UNSOUND: a bound cuts off an attained output"
                        : g.exactWithinTolerance() ? "exact within " + tol
                        : "gap " + Format.num(g.gap()) + " (lower " + Format.num(g.lowerGap()) + ", upper "
                                + Format.num(g.upperGap()) + ")";
                out.printf("%-14s %-28s %s%n", r.name(), Format.interval(g.domainLower(), g.domainUpper()), verdict);
                for (String note : g.domainNotes()) {
                    out.println("    note: " + note);
                }
            }
        }
        if (json) {
            out.println(Documents.text(Documents.gap(Documents.exact(exact, tol), rows)));
        }
        out.flush();
    }

    private static String text(double[] x) {
        if (x == null) {
            return "n/a";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Format.num(x[i]));
        }
        return sb.append(')').toString();
    }
}
