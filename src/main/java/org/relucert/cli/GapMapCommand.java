package org.relucert.cli;

import org.relucert.Progress;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.TimeLimited;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.GapMap;
import org.relucert.report.GapMapPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert gapmap}: heat map of the gap over all intervals [a, b] of X (one-input networks). */
@Command(name = "gapmap", mixinStandardHelpOptions = true,
        header = "Draw a heat map of each domain's gap over all intervals of a one-input network.",
        description = {"For a one-input network, compute the gap of each domain on every interval [a, b] of a grid "
                + "over X and draw it as a heat map over the half-plane a < b, with h's breakpoints marked "
                + "(one panel per domain, common colour scale).",
                "Example: relucert gapmap --net f3.json --domain deeppoly0,deeppoly1,ibp --over=-2:3 --plot gap.png"})
final class GapMapCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Option(names = "--domain", required = true, paramLabel = "D[,D2,...]", description = "domains, one panel each")
    String domains;

    @Option(names = "--over", required = true, paramLabel = "A:B", description = "the interval X")
    String over;

    @Option(names = "--plot", required = true, paramLabel = "FILE", description = "output image, .png or .svg")
    Path plot;

    @Option(names = "--resolution", defaultValue = "81", description = "grid points per axis (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--width", defaultValue = "760", description = "panel width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "560", description = "panel height in pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--tolerance", defaultValue = "1e-7", description = "relative tolerance of 'exact' (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--output-index", defaultValue = "0", description = "which network output (default: ${DEFAULT-VALUE})")
    int outputIndex;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads, 0 for all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    Inputs.TimeLimit timeLimit;

    @Mixin
    Inputs.Quiet quiet = new Inputs.Quiet();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        Network network = net.load();
        Box x = PrecisionCommand.parseBox(over, network.inputSize(), "--over");
        PlotCommand.checkSize(width, height);
        Deadline deadline = timeLimit.start();
        List<GapMap> maps = new ArrayList<>();
        int limited = 0;
        List<Relaxation> list = Domains.parseList(domains);
        long total = (long) list.size() * resolution;
        try (ProgressDisplay bar = ProgressDisplay.open("gapmap", quiet.on, spec.commandLine().getErr())
                .limit(deadline.limitSeconds())) {
            for (Relaxation domain : list) {
                TimeLimited r = new TimeLimited(domain, deadline);
                long before = (long) maps.size() * resolution;
                maps.add(GapMap.compute(network, r, x, resolution, outputIndex, PrecisionCommand.tolerance(tolerance),
                        threads, (rows, all) -> bar.update(before + (long) rows, total, "grid rows")));
                limited += r.timeLimitedRuns();
            }
        }
        GapMapPlot.save(maps, width, height, plot);
        PrintWriter out = spec.commandLine().getOut();
        if (limited > 0) {
            out.printf("WARNING: time limit of %s reached: %d intervals have looser sound bounds, so their gaps overstate the domain's%n",
                    Analysis.seconds(deadline.limitSeconds()), limited);
        }
        for (GapMap m : maps) {
            out.printf(Locale.ROOT, "%-12s max gap %s, exact within tolerance on %.1f%% of %d intervals%n", m.domain(),
                    Format.num(m.maxGap()), 100 * m.exactFraction(), m.cells());
        }
        out.println("wrote " + plot);
        out.flush();
        return 0;
    }
}
