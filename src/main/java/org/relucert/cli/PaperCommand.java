package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Deadline;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relucert.report.PaperReport;
import org.relucert.report.PaperSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relucert paper}: regenerate the papers' claims as one Markdown report with PNG figures. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        header = "Regenerate the claims of P1 and P2 with fresh evidence (report.md and figures).",
        description = {"Regenerate the claims of P1 and P2 (Table 1, solution-space count, nested max, phantom point, "
                + "partition counts, max impossibility) with evidence computed on the spot: DIR/report.md plus PNG figures.",
                "Each section says which results it reproduced and which it did not. Sections not started within "
                + "--timeout are listed as not run (time limit); exit 12 when none ran, else 0."})
final class PaperCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created if missing)")
    Path out;

    @Option(names = "--quick", description = "smaller budgets, fewer d and n (for CI; under 2 minutes)")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads of the searches, 0 for all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "3600",
            description = "wall-clock limit of the whole command in seconds, 0 for none (default: ${DEFAULT-VALUE}); "
                    + "sections not started in time are listed as not run (time limit); exit 12 when none ran")
    double timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        Deadline deadline = Inputs.deadline(timeout);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " exists and is not a directory");
        }
        PaperSettings base = quick ? PaperSettings.quickSettings(seed) : PaperSettings.full(seed);
        PaperSettings settings = new PaperSettings(base.quick(), base.seed(), base.searchBudget(), base.orientationBoxes(),
                base.maxBreakpoints(), base.maxNestedD(), base.maxExactHullD(), base.maxSplitD(), base.leafCap(),
                base.randomMaxNetworks(), threads);
        PrintWriter o = spec.commandLine().getOut();
        o.println("relucert paper: " + settings.describe() + "; " + deadline);
        int[] done = {0};
        PaperReport.Result r = PaperReport.write(out, settings, deadline, line -> {
            o.println(progressLine(++done[0], line));
            o.flush();
        });
        o.printf(Locale.ROOT, "wrote %s: %s in %.1f s%n", r.report(), r.counts(), r.seconds());
        if (!r.notRun().isEmpty()) {
            o.println("partial report: not run (time limit): " + String.join("; ", r.notRun())
                    + " (raise --timeout, 0 for none)");
        }
        o.flush();
        return r.sections().isEmpty() ? Main.TIMED_OUT : 0;
    }

    /** A section's line as it finishes: "[k/n] title: counts, seconds". */
    static String progressLine(int done, String line) {
        return "  [" + done + "/" + PaperReport.SECTIONS + "] " + line;
    }
}
