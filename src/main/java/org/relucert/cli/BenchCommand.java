package org.relucert.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.bench.BoundsBenchmark;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bench}: speed benchmarks that print medians and ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: median times of deeppoly and ibp on random fully connected networks of the "
                + "ACAS Xu (5-50x6-5) and MNIST (784-256x6-10) shapes, and deeppoly's GFLOP/s against a dense "
                + "matrix multiply measured in the same run.",
        subcommands = {BenchLpCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--reps", defaultValue = "15", paramLabel = "N", description = "timed runs; the median is printed (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--domains", defaultValue = "ibp,deeppoly", paramLabel = "D[,D2,...]",
            description = "domains to time (default: ${DEFAULT-VALUE})")
    String domains;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (warmup < 0 || reps < 1) {
            throw new org.relucert.InvalidInputException("--warmup must be >= 0 and --reps >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Relaxation> relaxations = Domains.parseList(domains);
        BoundsBenchmark bench = new BoundsBenchmark(warmup, reps);
        out.printf("relucert bench: median of %d runs after %d warm-up runs; %d processors available.%n", reps, warmup,
                Runtime.getRuntime().availableProcessors());
        out.println("Timings depend on machine load; GFLOP/s counts 2 flops per multiply-add actually performed");
        out.println("in the back-substitution matrix products.");
        out.println();
        out.printf("%-20s %-10s %10s %10s %10s %12s %9s%n", "network", "domain", "median ms", "min ms", "unstable",
                "mult-adds", "GFLOP/s");
        BoundsBenchmark.Timing mnistDeepPoly = null;
        for (BoundsBenchmark.Shape shape : List.of(BoundsBenchmark.ACAS_XU, BoundsBenchmark.MNIST)) {
            for (Relaxation r : relaxations) {
                BoundsBenchmark.Timing t = bench.time(shape, r);
                boolean products = t.multiplyAdds() > 0;
                out.printf("%-20s %-10s %10.3f %10.3f %10s %12s %9s%n", t.shape(), t.domain(), t.medianMs(),
                        t.minMs(), t.unstable() + "/" + t.neurons(),
                        products ? String.format("%.4g", (double) t.multiplyAdds()) : "-",
                        products ? String.format("%.2f", t.gflops()) : "-");
                out.flush();
                if (shape == BoundsBenchmark.MNIST && r.name().equals("deeppoly")) {
                    mnistDeepPoly = t;
                }
            }
        }
        out.println();
        double best = 0;
        for (BoundsBenchmark.MatMul m : bench.matmul(512, 256, 256)) {
            out.printf("%-30s %dx%d * %dx%d  median %8.3f ms  min %8.3f ms  %6.2f GFLOP/s%n", m.kernel(), m.m(),
                    m.k(), m.k(), m.n(), m.medianMs(), m.minMs(), m.gflops());
            best = Math.max(best, m.gflops());
        }
        if (mnistDeepPoly != null && best > 0) {
            out.printf("%ndeeppoly on %s: %.2f GFLOP/s = %.2f x the best dense matmul, at median times "
                    + "(target >= 0.5)%n", mnistDeepPoly.shape(), mnistDeepPoly.gflops(), mnistDeepPoly.gflops() / best);
        }
        out.flush();
        return 0;
    }
}
