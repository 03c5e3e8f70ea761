package org.relucert.cli;

import java.nio.file.Path;
import org.relucert.InvalidInputException;
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

}
