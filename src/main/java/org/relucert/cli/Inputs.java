package org.relucert.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Deadline;
import org.relucert.bounds.Relaxation;
import org.relucert.lp.LinearProgram;
import org.relucert.io.BoxParser;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.precision.Tolerance;
import picocli.CommandLine.Option;

/** Option groups shared by the commands. */
final class Inputs {
    private Inputs() {
    }

    /** {@code --net F}. */
    static final class NetOption {
        @Option(names = "--net", required = true, paramLabel = "FILE",
                description = "network file (relucert-net/1 JSON, or ONNX if it ends in .onnx)")
        Path net;

        Network load() {
            return NetworkFiles.read(net);
        }
    }

    /** {@code --tolerance}, {@code --output-index} and {@code --max-unstable}: how an exact range is computed and compared. */
    static final class ExactOptions {
        @Option(names = "--tolerance", defaultValue = "1e-7",
                description = "relative tolerance of 'exact', times max(1, |min|, |max|) (default: ${DEFAULT-VALUE})")
        double tolerance;

        @Option(names = "--output-index", defaultValue = "0", description = "which network output (default: ${DEFAULT-VALUE})")
        int outputIndex;

        @Option(names = "--max-unstable", defaultValue = "14",
                description = "most unstable neurons per box for exact pattern enumeration (default: ${DEFAULT-VALUE})")
        int maxUnstable;

        Tolerance tolerance() {
            try {
                return new Tolerance(tolerance);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--tolerance: " + e.getMessage());
            }
        }
    }

    /** {@code --box B} or {@code --box-file F}. */
    static final class BoxOption {
        @Option(names = "--box", paramLabel = "BOX", description = "input box \"l1:u1,l2:u2,...\"")
        String box;

        @Option(names = "--box-file", paramLabel = "FILE", description = "JSON file {\"lower\": [...], \"upper\": [...]}")
        Path boxFile;

        Box load(int dim) {
            if (box != null && boxFile != null) {
                throw new InvalidInputException("give either --box or --box-file, not both");
            }
            if (box == null && boxFile == null) {
                throw new InvalidInputException("an input box is required: --box \"l1:u1,...\" or --box-file F");
            }
            return box != null ? BoxParser.parse(box, dim) : BoxParser.read(boxFile, dim);
        }
    }

    /** {@code --quiet}: no progress display on stderr (results on stdout are unchanged). */
    static final class Quiet {
        @Option(names = "--quiet", description = "no progress display on stderr")
        boolean on;
    }

    /** {@code --timeout S}: the wall-clock limit of a whole command. */
    static final class TimeLimit {
        /** The default limit of the commands that take this option, in seconds. */
        static final String DEFAULT = "300";

        @Option(names = "--timeout", paramLabel = "S", defaultValue = DEFAULT,
                description = "wall-clock limit of the whole command in seconds, counted from the start of the process,"
                        + " 0 for none (default: ${DEFAULT-VALUE});"
                        + " bounds not computed in time keep sound looser ones (IBP/DeepPoly), flagged in the notes")
        double seconds = Double.parseDouble(DEFAULT);

        /** The deadline, counted from the start of the process. */
        Deadline start() {
            return deadline(seconds);
        }
    }

    /** A {@code --timeout} value checked: seconds >= 0 (0 for none), else a clear error. */
    static double timeoutSeconds(double seconds) {
        if (!(seconds >= 0)) {
            throw new InvalidInputException("--timeout must be a number of seconds >= 0, got " + seconds);
        }
        return seconds;
    }

    /** The least time a command gets when start-up and reading used up nearly all of its limit. */
    private static final double MIN_LEFT = 1e-3;
    /** Share of a limit kept for ending the work and writing the answer (measured: 0.3 s at load 8 on 2 cores). */
    private static final double RESERVE = 0.03;
    /** The most kept for that, in seconds. */
    private static final double MAX_RESERVE = 1.0;

    /**
     * The time left of a {@code --timeout} of that many seconds, which counts from the start of the process
     * (start-up and reading included, as VNN-COMP measures), less a reserve of 3% (at most 1 s) for ending the
     * work and writing the answer; at least 1 ms.
     */
    static double secondsLeft(double seconds) {
        return Math.max(MIN_LEFT, timeoutSeconds(seconds) - Main.elapsedSeconds() - Math.min(MAX_RESERVE, RESERVE * seconds));
    }

    /** The deadline of a {@code --timeout} of that many seconds, as {@link #secondsLeft} counts it (0: none). */
    static Deadline deadline(double seconds) {
        if (timeoutSeconds(seconds) == 0 || Deadline.after(seconds).unlimited()) {
            return Deadline.NONE;
        }
        return Deadline.after(Math.min(seconds, secondsLeft(seconds)), seconds);
    }

    /**
     * Loads the LP solver's native libraries when some relaxation of the list may use it, so that the
     * first LP domain's time does not include the loading.
     */
    static void preloadSolver(List<Relaxation> relaxations) {
        for (Relaxation r : relaxations) {
            if (!BOUND_PROPAGATION.contains(r.name())) {
                LinearProgram.loadNatives();
                return;
            }
        }
    }

    /** Domains that never call the LP solver. */
    private static final Set<String> BOUND_PROPAGATION = Set.of("ibp", "deeppoly0", "deeppoly1", "deeppoly", "crown", "alpha-crown");
}
