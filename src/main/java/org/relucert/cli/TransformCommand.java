package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.construct.FlipTransform;
import org.relucert.construct.IdentityLayers;
import org.relucert.construct.InputCopies;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.net.DenseLowering;
import org.relucert.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relucert transform}: function-preserving network rewrites from the papers. */
@Command(name = "transform", mixinStandardHelpOptions = true,
        header = "Rewrite a network without changing its function (flip, copy-inputs, identity-layer).",
        description = {"Rewrite a network without changing its function (--kind):",
                "  flip            every R(z) becomes z + R(-z): DP-0 bounds of the input",
                "                  equal DP-1 bounds of the result and vice versa (T3, §4.2)",
                "  copy-inputs     carry copies R(x - l) of the input through every ReLU",
                "                  layer, zero weight downstream; needs --box",
                "                  (P2-v3 Thm 5.1, THEORY.md §7.4; caution §7.8)",
                "  identity-layer  insert --count layers R(I v) after the ReLU node --after",
                "                  (P2-v3 Lemma 4.1, THEORY.md §7.3)", ""})
final class TransformCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Option(names = "--kind", required = true, paramLabel = "K", description = "flip, copy-inputs or identity-layer")
    String kind;

    @Option(names = "--box", paramLabel = "BOX", description = "copy-inputs: input box \"l1:u1,...\"")
    String box;

    @Option(names = "--after", paramLabel = "NODE", description = "identity-layer: ReLU node name (default: the first)")
    String after;

    @Option(names = "--count", defaultValue = "1", paramLabel = "K", description = "identity-layer: layers to insert"
            + " (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "network file to write")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Network in = net.load();
        Network result = switch (kind) {
            case "flip" -> FlipTransform.apply(in);
            case "copy-inputs" -> {
                if (box == null) {
                    throw new InvalidInputException("--kind copy-inputs needs --box \"l1:u1,...\" (the copies are"
                            + " R(x - l), stable active on the box)");
                }
                yield InputCopies.apply(in, BoxParser.parse(box, in.inputSize()));
            }
            case "identity-layer" -> IdentityLayers.apply(in, after, count);
            default -> throw new InvalidInputException("unknown --kind '" + kind
                    + "'; expected flip, copy-inputs or identity-layer");
        };
        NetJson.write(result, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println(kind + ": " + in.reluCount() + " -> " + result.reluCount() + " ReLU neurons, "
                + in.nodes().size() + " -> " + result.nodes().size() + " nodes; written to " + output);
        int lowered = 0;
        for (int j = 0; j < in.nodes().size(); j++) {
            if (DenseLowering.loweredEntries(in, j) > 0) {
                lowered++;
            }
        }
        if (lowered > 0) {
            out.println("note: the transform rewrites dense layers; " + lowered + " Conv/Add node"
                    + (lowered == 1 ? " was" : "s were") + " written as dense affine nodes (same names, same function)");
        }
        out.flush();
        return 0;
    }
}
