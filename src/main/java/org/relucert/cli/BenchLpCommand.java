package org.relucert.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.relucert.bench.LpBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bench lp}: median times of the LP and MILP domains on random networks. */
@Command(name = "lp", mixinStandardHelpOptions = true,
        header = "Time the LP-based domains (triangle, multi:2, layer, exact) and LP solves per second.",
        description = "Median seconds of triangle, multi:2, layer and exact on random networks, triangle on an "
                + "ACAS Xu-size network, and LP solves per second.")
final class BenchLpCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "3", description = "network/box pairs per shape (default ${DEFAULT-VALUE})")
    int repeats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw new org.relucert.InvalidInputException("--repeats must be at least 1, got " + repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        LpBenchmark.run(out, LpBenchmark.defaultShapes(), repeats);
        out.flush();
        return 0;
    }
}
