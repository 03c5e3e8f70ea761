package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.Progress;
import org.relucert.io.NetworkFiles;
import org.relucert.io.ResultFile;
import org.relucert.io.vnnlib.VnnLibReader;
import org.relucert.net.Network;
import org.relucert.spec.Property;
import org.relucert.verify.Verdict;
import org.relucert.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert verify}: complete verification of a VNN-LIB property, VNN-COMP result. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Decide a VNN-LIB property on a network and print the VNN-COMP result.",
                "Exit codes: 0 unsat (property holds), 10 sat (counterexample printed), 11 unknown, 12 timeout,"
                        + " 2 bad input, 1 internal error."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:unsat", "10:sat", "11:unknown", "12:timeout", "2:bad input", "1:internal error"})
final class VerifyCommand implements Callable<Integer> {
    static final int SAT = 10;
    static final int UNKNOWN = 11;
    static final int TIMEOUT = 12;

    @Option(names = "--net", required = true, paramLabel = "FILE", description = "network (.onnx or relucert-net/1 JSON)")
    Path net;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "VNN-LIB property")
    Path spec;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "S",
            description = "time limit in seconds of the whole command, counted from the start of the process as "
                    + "VNN-COMP measures it (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--result", paramLabel = "FILE", description = "also write the result to this file")
    Path result;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--leaf-steps", paramLabel = "N",
            description = "slope/multiplier optimisation steps per branch-and-bound subproblem (default: 10 input"
                    + " splitting, 32 ReLU splitting)")
    Integer leafSteps;

    @Option(names = "--branch-candidates", paramLabel = "K",
            description = "under ReLU splitting, neurons of best intercept score whose children are estimated to"
                    + " choose the split (filtered smart branching; 1: the intercept score alone; default: 8 on"
                    + " networks with a convolutional (C x H x W) ReLU layer, else 1)")
    Integer branchCandidates;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        if (!(timeout > 0)) {
            throw new InvalidInputException("--timeout must be positive, got " + timeout);
        }
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be 1 or more, got " + threads);
        }
        if (leafSteps != null && leafSteps < 0) {
            throw new InvalidInputException("--leaf-steps must be 0 or more, got " + leafSteps);
        }
        if (branchCandidates != null && branchCandidates < 1) {
            throw new InvalidInputException("--branch-candidates must be 1 or more, got " + branchCandidates);
        }
        Network network = NetworkFiles.read(net);
        Property property = VnnLibReader.read(spec);
        checkSizes(network, net, property, spec);
        // the limit is the whole command's, counted from the start of the process (start-up and reading included);
        // the search ends a little earlier, so that stopping the workers and writing the answer fit in the limit
        double left = Inputs.secondsLeft(timeout);
        Verifier.Options defaults = Verifier.Options.defaults(left);
        Verifier.Options options = new Verifier.Options(left,
                threads == null ? defaults.threads() : threads, defaults.rootAlphaSteps(),
                leafSteps == null ? defaults.leafAlphaSteps() : leafSteps, defaults.seed(),
                branchCandidates == null ? defaults.branchCandidates() : branchCandidates);
        PrintWriter out = commandSpec.commandLine().getOut();
        // the old result file is replaced at once: a killed run leaves "timeout", never a stale verdict
        Verdict v;
        try (ResultFile file = result == null ? null : ResultFile.open(result, "--result")) {
            if (file != null) {
                file.write(Verdict.Kind.TIMEOUT.vnnName() + "\n");
                file.onStop(Verdict.Kind.TIMEOUT.vnnName() + "\n", () -> {
                    out.print(Verdict.Kind.TIMEOUT.vnnName() + "\n");
                    out.flush();
                });
            }
            try (ProgressDisplay bar = ProgressDisplay.open("verify", quiet, commandSpec.commandLine().getErr()).limit(left)) {
                v = Verifier.verify(network, property, options, (d, t) -> bar.update(Progress.fraction(d, t)));
            }
            out.print(v.vnnText());
            out.flush();
            if (file != null) {
                file.write(v.vnnText());
            }
        }
        if (!quiet) {
            commandSpec.commandLine().getErr().println("relucert: " + v.kind().vnnName() + " (" + v.note()
                    + ", " + v.subproblems() + " subproblems bounded" + searchRate(v, property)
                    + (Double.isInfinite(v.provedBound()) ? "" : String.format(Locale.ROOT,
                            ", proved margin bound %.6g", v.provedBound())) + ")");
        }
        return exitCode(v.kind());
    }

    /** ", N in S s of search (R/s)": the subproblems bounded after the cases' roots, or "" without a search. */
    static String searchRate(Verdict v, Property property) {
        if (!(v.searchSeconds() > 0)) {
            return "";
        }
        long searched = Math.max(0, v.subproblems() - property.cases().size());
        return String.format(Locale.ROOT, ", %d in %.2f s of search (%.1f/s)", searched, v.searchSeconds(),
                searched / v.searchSeconds());
    }

    /** The property's X/Y counts against the network's, the error naming both files. */
    static void checkSizes(Network network, Path netFile, Property property, Path specFile) {
        try {
            Verifier.checkSizes(network, property);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(specFile + ": " + e.getMessage() + " (" + netFile + ")");
        }
    }

    static int exitCode(Verdict.Kind kind) {
        return switch (kind) {
            case UNSAT -> 0;
            case SAT -> SAT;
            case UNKNOWN -> UNKNOWN;
            case TIMEOUT -> TIMEOUT;
        };
    }
}
