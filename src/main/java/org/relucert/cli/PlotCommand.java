package org.relucert.cli;

import java.util.ArrayList;
import org.relucert.bounds.Analysis;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.TimeLimited;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Relaxation;
import org.relucert.domains.Domains;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.PrecisionSearch;
import org.relucert.report.BoundPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert plot}: h over X with each domain's bounds on one box. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plot h over X together with the bounds of each domain on a box B inside X.",
                "One input: h, the DeepPoly-family linear bounds as lines over B (other domains as horizontal "
                + "lines at their bounds) and the exact range with the points attaining it.",
                "Two inputs: a filled contour map of h with B drawn in; the bounds are in the title.",
                "Without --box, B is the witness box of a precision search of the first domain.",
                "Example: relucert plot --net f3.json --over=-2:3 --box=-1:2 --domain deeppoly0,ibp --out b.png"})
final class PlotCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Option(names = "--over", required = true, paramLabel = "X", description = "the plotted domain \"l1:u1[,l2:u2]\"")
    String over;

    @Option(names = "--box", paramLabel = "B", description = "the box whose bounds are drawn (default: a search's witness)")
    String box;

    @Option(names = "--domain", required = true, paramLabel = "D[,D2,...]", description = "domains to draw")
    String domains;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output image, .png or .svg")
    Path file;

    @Option(names = "--width", defaultValue = "900", description = "width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "600", description = "height in pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--resolution", defaultValue = "60", description = "grid points per axis of a 2-input map (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--budget", defaultValue = "1000", description = "boxes for the witness search without --box (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the witness search (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--output-index", defaultValue = "0", description = "which network output (default: ${DEFAULT-VALUE})")
    int outputIndex;

    @Mixin
    Inputs.TimeLimit timeLimit;

    @Spec
    CommandSpec spec;

    static void checkSize(int width, int height) {
        if (width < 200 || height < 150 || width > 10000 || height > 10000) {
            throw new InvalidInputException("--width/--height must be within 200x150 .. 10000x10000 pixels, got "
                    + width + "x" + height);
        }
    }

    @Override
    public Integer call() {
        Network network = net.load();
        checkSize(width, height);
        if (resolution < 2 || resolution > 1000) {
            throw new InvalidInputException("--resolution must be between 2 and 1000, got " + resolution);
        }
        Box x = PrecisionCommand.parseBox(over, network.inputSize(), "--over");
        Deadline deadline = timeLimit.start();
        List<Relaxation> relaxations = new ArrayList<>();
        for (Relaxation r : Domains.parseList(domains)) {
            relaxations.add(new TimeLimited(r, deadline));
        }
        PrintWriter out = spec.commandLine().getOut();
        Box b;
        if (box != null) {
            b = PrecisionCommand.parseBox(box, network.inputSize(), "--box");
        } else {
            PrecisionSearch.Options o = PrecisionSearch.Options.defaults().withBudget(budget).withSeed(seed)
                    .withOutput(outputIndex);
            PrecisionSearch.Result r = new PrecisionSearch(network, relaxations.get(0), x, o).within(deadline.share(0.5)).run();
            b = r.witness().box();
            out.printf("box from a precision search of %s (%s, gap %s): %s%n", relaxations.get(0).name(),
                    r.verdict(), Format.num(r.witness().gap()), b);
        }
        XYChart chart = BoundPlot.chart(network, outputIndex, x, b, relaxations, width, height, resolution);
        BoundPlot.save(chart, file);
        int limited = relaxations.stream().mapToInt(r -> ((TimeLimited) r).timeLimitedRuns()).sum();
        if (limited > 0) {
            out.printf("WARNING: time limit of %s reached: %d of the plotted boxes have looser sound bounds%n",
                    Analysis.seconds(deadline.limitSeconds()), limited);
        }
        out.println("wrote " + file);
        out.flush();
        return 0;
    }
}
