package org.relucert.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.bench.BoundsBenchmark;
import org.relucert.bench.DenseProducts;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bench}: speed benchmarks that print medians and ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Time deeppoly and ibp on ACAS Xu, MNIST and CIFAR-shaped networks (medians, heap, GFLOP/s).",
        description = "Benchmarks: median times and peak heap of deeppoly and ibp on random networks of the "
                + "ACAS Xu (5-50x6-5) and MNIST (784-256x6-10) shapes and of the CIFAR convolutional shapes "
                + "(oval21 cifar_base_kw, resnet_2b, resnet_4b, sri_resnet_a; He-initialised weights, eps 2/255 "
                + "around a random image), and deeppoly's GFLOP/s against dense matrix products measured in the "
                + "same run (a plain i-k-j loop and relucert's DenseKernel, serial and parallel). Shape/domain pairs not started within --timeout are skipped and listed; exit 12 when "
                + "none ran.",
        subcommands = {BenchLpCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--reps", defaultValue = "15", paramLabel = "N", description = "timed runs; the median is printed (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--shapes", defaultValue = "acasxu,mnist,cifar_base,resnet_4b", paramLabel = "S[,S2,...]",
            description = "shapes to time, of acasxu, mnist, cifar_base, resnet_2b, resnet_4b, sri_resnet_a "
                    + "(default: ${DEFAULT-VALUE})")
    String shapes;

    @Option(names = "--conv-warmup", defaultValue = "1", paramLabel = "N",
            description = "untimed runs first on the convolutional shapes (default: ${DEFAULT-VALUE})")
    int convWarmup;

    @Option(names = "--conv-reps", defaultValue = "3", paramLabel = "N",
            description = "timed runs on the convolutional shapes (default: ${DEFAULT-VALUE})")
    int convReps;

    @Option(names = "--domains", defaultValue = "ibp,deeppoly", paramLabel = "D[,D2,...]",
            description = "domains to time (default: ${DEFAULT-VALUE})")
    String domains;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "600",
            description = "wall-clock limit of the whole command in seconds, 0 for none (default: ${DEFAULT-VALUE}); "
                    + "shape/domain pairs not started in time are skipped and listed; exit 12 when none ran")
    double timeout;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Spec
    CommandSpec spec;

    /** Prints the skipped note ("not run (time limit): ...") when some were skipped. */
    static void printSkipped(PrintWriter out, List<String> skipped, Deadline deadline) {
        if (!skipped.isEmpty()) {
            out.println("not run (" + deadline + " reached; raise --timeout, 0 for none): " + String.join(", ", skipped));
        }
    }

    /**
     * The dense products timed as the baseline, the sizes of the MNIST 784-256x6-10 back-substitution: 256
     * query rows through a hidden 256 x 256 layer and through the first 256 x 784 layer.
     */
    private static final int[][] MATMUL_SIZES = {{256, 256, 256}, {256, 256, 784}};

    /** Prints each kernel's median and GFLOP/s and the kernel's ratios to the plain loop; returns the fastest. */
    private static DenseProducts.MatMul printMatmuls(PrintWriter out, List<DenseProducts.MatMul> matmuls) {
        DenseProducts.MatMul best = null;
        DenseProducts.MatMul plain = null;
        for (DenseProducts.MatMul m : matmuls) {
            if (m.kernel().equals(DenseProducts.PLAIN)) {
                plain = m;
            }
            out.printf("%-24s %dx%d * %dx%d  median %8.3f ms  min %8.3f ms  %6.2f GFLOP/s", m.kernel(), m.m(),
                    m.k(), m.k(), m.n(), m.medianMs(), m.minMs(), m.gflops());
            if (plain != null && m != plain && plain.n() == m.n()) {
                out.printf("  = %.2f x plain", m.gflops() / plain.gflops());
            }
            out.println();
            if (best == null || m.gflops() > best.gflops()) {
                best = m;
            }
        }
        return best;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @Override
    public Integer call() {
        if (warmup < 0 || reps < 1 || convWarmup < 0 || convReps < 1) {
            throw new InvalidInputException("--warmup and --conv-warmup must be >= 0, --reps and "
                    + "--conv-reps >= 1");
        }
        Deadline deadline = Inputs.deadline(timeout);
        List<BoundsBenchmark.Shape> chosen = new ArrayList<>();
        for (String s : shapes.split(",")) {
            BoundsBenchmark.Shape shape = BoundsBenchmark.SHAPES.get(s.trim());
            if (shape == null) {
                throw new InvalidInputException("unknown shape '" + s.trim() + "'; known shapes: "
                        + String.join(", ", BoundsBenchmark.SHAPES.keySet()));
            }
            chosen.add(shape);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Relaxation> relaxations = Domains.parseList(domains);
        BoundsBenchmark bench = new BoundsBenchmark(warmup, reps);
        out.printf("relucert bench: median of %d runs after %d warm-up runs (convolutional shapes: %d after %d); "
                + "%d processors available, max heap %d MB, load average %.2f.%n", reps, warmup, convReps, convWarmup,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        out.println("Timings depend on machine load; GFLOP/s counts 2 flops per multiply-add actually performed");
        out.println("in the back-substitution products (matrix products and transposed convolutions). peak MB is the");
        out.println("largest heap use during the runs (before a collection), live MB the largest right after one.");
        out.println();
        out.printf("%-20s %-10s %10s %10s %12s %12s %9s %8s %8s%n", "network", "domain", "median ms", "min ms",
                "unstable", "mult-adds", "GFLOP/s", "peak MB", "live MB");
        BoundsBenchmark.Timing mnistDeepPoly = null;
        List<String> skipped = new ArrayList<>();
        int timed = 0;
        long pairs = (long) chosen.size() * relaxations.size();
        long pairsDone = 0;
        ProgressDisplay bar = ProgressDisplay.open("bench", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds());
        for (BoundsBenchmark.Shape shape : chosen) {
            boolean conv = shape.convolutional();
            for (Relaxation r : relaxations) {
                bar.update(pairsDone++, pairs, "shape/domain pairs");
                if (deadline.expired()) {
                    skipped.add(shape.name() + " " + r.name());
                    continue;
                }
                timed++;
                BoundsBenchmark.Timing t = conv ? BoundsBenchmark.time(shape, r, convWarmup, convReps) : bench.time(shape, r);
                boolean products = t.multiplyAdds() > 0;
                bar.clear();
                out.printf("%-20s %-10s %10.3f %10.3f %12s %12s %9s %8d %8d%n", t.shape(), t.domain(), t.medianMs(),
                        t.minMs(), t.unstable() + "/" + t.neurons(),
                        products ? String.format("%.4g", (double) t.multiplyAdds()) : "-",
                        products ? String.format("%.2f", t.gflops()) : "-", t.peakHeapBytes() >> 20,
                        t.liveHeapBytes() >> 20);
                out.flush();
                if (shape == BoundsBenchmark.MNIST && r.name().equals("deeppoly")) {
                    mnistDeepPoly = t;
                }
            }
        }
        bar.update(pairs, pairs, "shape/domain pairs");
        bar.close();
        out.println();
        if (timed == 0) {
            printSkipped(out, skipped, deadline);
            out.flush();
            return Main.TIMED_OUT;
        }
        List<DenseProducts.MatMul> matmuls = new ArrayList<>();
        for (int[] size : MATMUL_SIZES) {
            if (deadline.expired()) {
                skipped.add("dense matmul " + size[0] + "x" + size[1] + " * " + size[1] + "x" + size[2]);
                continue;
            }
            matmuls.addAll(bench.matmul(size[0], size[1], size[2]));
        }
        if (!matmuls.isEmpty()) {
            out.printf("dense products C += A B, one thread (plain loop, kernel) and parallel (kernel), median of %d "
                    + "alternating rounds:%n", DenseProducts.ROUNDS_PER_RUN * reps);
        }
        DenseProducts.MatMul best = printMatmuls(out, matmuls);
        if (mnistDeepPoly != null && best != null) {
            out.printf("%ndeeppoly on %s: %.2f GFLOP/s = %.2f x the best kernel (%s, %dx%d * %dx%d), at median times "
                    + "(target >= 0.5)%n", mnistDeepPoly.shape(), mnistDeepPoly.gflops(),
                    mnistDeepPoly.gflops() / best.gflops(), best.kernel(), best.m(), best.k(), best.k(), best.n());
        }
        if (mnistDeepPoly != null && deadline.expired()) {
            skipped.add("sound rounding cost");
        } else if (mnistDeepPoly != null) {
            BoundsBenchmark.RoundingCost c = bench.roundingCost(BoundsBenchmark.MNIST, Domains.parse("deeppoly"));
            out.printf("%nsound rounding on %s, %s: median %.3f ms with the rounding-error terms, %.3f ms without "
                    + "(naive doubles, not sound; alternating runs) = %.3f x (target <= 1.2)%n", c.shape(), c.domain(),
                    c.soundMs(), c.naiveMs(), c.ratio());
            if (deadline.expired()) {
                skipped.add("sound rounding cost of the verifier's forward forms");
            } else {
                c = bench.roundingCost(BoundsBenchmark.ACAS_XU, Domains.parse("alpha-crown"));
                out.printf("sound rounding on %s, %s (forward forms, slopes): median %.3f ms with, %.3f ms without"
                        + " = %.3f x%n", c.shape(), c.domain(), c.soundMs(), c.naiveMs(), c.ratio());
            }
        }
        printSkipped(out, skipped, deadline);
        out.printf("load average at the end: %.2f%n", loadAverage());
        out.flush();
        return 0;
    }
}
