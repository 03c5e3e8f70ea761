package org.relucert.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.bench.LpBenchmark;
import org.relucert.bounds.Deadline;
import org.relucert.lp.LinearProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bench lp}: median times of the LP and MILP domains on random networks. */
@Command(name = "lp", mixinStandardHelpOptions = true,
        header = "Time the LP-based domains (triangle, multi:2, layer, exact) and LP solves per second.",
        description = "Median seconds of triangle, multi:2, layer and exact on random networks, triangle on an "
                + "ACAS Xu-size network, and LP solves per second. Shape/domain pairs not started within --timeout are "
                + "skipped and listed; exit 12 when none ran.")
final class BenchLpCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "3", description = "network/box pairs per shape (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "600",
            description = "wall-clock limit of the whole command in seconds, 0 for none (default: ${DEFAULT-VALUE}); "
                    + "pairs not started in time are skipped and listed, a running one ends at the limit with looser "
                    + "bounds (counted in its notes); exit 12 when none ran")
    double timeout;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw new InvalidInputException("--repeats must be at least 1, got " + repeats);
        }
        // loaded before the clock of the first domain starts, so that its time is the LP's alone
        LinearProgram.loadNatives();
        Deadline deadline = Inputs.deadline(timeout);
        List<LpBenchmark.Shape> shapes = LpBenchmark.defaultShapes();
        int pairs = shapes.stream().mapToInt(s -> s.domains().size()).sum();
        PrintWriter out = spec.commandLine().getOut();
        List<String> skipped;
        try (ProgressDisplay bar = ProgressDisplay.open("bench lp", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds())) {
            PrintWriter rows = bar.guard(out);
            bar.update(0, pairs, "shape/domain pairs");
            skipped = LpBenchmark.run(rows, shapes, repeats, deadline, (done, all) -> bar.update((long) done, (long) all, "shape/domain pairs"));
            rows.flush();
        }
        BenchCommand.printSkipped(out, skipped, deadline);
        out.flush();
        return skipped.size() == pairs ? Main.TIMED_OUT : 0;
    }
}
