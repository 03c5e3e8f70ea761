package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.construct.Cpwl;
import org.relucert.construct.Encoders;
import org.relucert.construct.Encoding;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.TargetFunction;
import org.relucert.construct.UnivariateForms;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relucert encode}: a network that a chosen relaxation analyses precisely (THEORY.md §5). */
@Command(name = "encode", mixinStandardHelpOptions = true,
        header = "Build a network encoding a function that a given relaxation bounds exactly.",
        description = {"Build a network that encodes a function and that a relaxation analyses",
                "exactly on every box (THEORY.md §4-§5). Targets (--for):",
                "  ibp        monotone univariate CPWL: two hidden layers of clipped",
                "             ramps (§5.1, T1)",
                "  deeppoly0  convex univariate CPWL: the unique minimal network, every",
                "             ReLU pointing away from the minimiser (§5.2, T2)",
                "  deeppoly1  convex univariate CPWL: the DP-0 network flipped (§5.3, T3)",
                "  triangle   convex univariate CPWL, any of the 2^n orientations (§5.4, T4)",
                "  multi      any univariate CPWL, one hidden layer (§3.5, T5); max/min in",
                "             R^d as a nested chain (§5.5, §7.5); --augment adds input",
                "             copies (P2-v3 Thm 5.1, caution §7.8)",
                "Monotone non-convex functions under deeppoly0/triangle get the clipped",
                "ramps (§5.1), under deeppoly1 the flipped ramps (T3); concave functions",
                "the negated construction of -f.",
                "Impossible (✗) and open (?) cells of Table 1 (§4.1) are refused with an",
                "explanation (exit 2).",
                "Functions: \"cpwl: x0:y0, x1:y1, ...\" on [x0, xn]; \"max(x1, x2, 0.5*x1+x2-1)\",",
                "\"min(...)\", nested; or a JSON file {\"cpwl\": [[x, y], ...]} or",
                "{\"function\": \"max(x1, x2)\"}.", ""})
final class EncodeCommand implements Callable<Integer> {

    @Option(names = "--function", required = true, paramLabel = "F", description = "the function (text or JSON file)")
    String function;

    @Option(names = "--for", required = true, paramLabel = "D",
            description = "target relaxation: ibp, deeppoly0, deeppoly1, triangle, multi")
    String target;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH",
            description = "network file to write (relucert-net/1); a directory with --enumerate")
    Path output;

    @Option(names = "--orientation", paramLabel = "SIGNS",
            description = "triangle: one sign per kink (interior breakpoint where the slope changes), left to right;"
                    + " '+' is R(x - x_i), '-' is R(x_i - x) (§5.4); default all '+'")
    String orientation;

    @Option(names = "--enumerate", description = "triangle: write all 2^n orientations into the directory -o, one file"
            + " per network named orientation_<signs>.json with p for '+' and m for '-'")
    boolean enumerate;

    @Option(names = "--augment", description = "multi: add input copies to every ReLU layer (P2-v3 Thm 5.1, §7.4; "
            + "see the caution of §7.8)")
    boolean augment;

    @Option(names = "--box", paramLabel = "BOX", description = "multi --augment for max/min: the input box \"l1:u1,...\""
            + " on which the copies R(x - l) are stable; also the box of --layered")
    String box;

    @Option(names = "--layered", description = "multi, flat max/min: a strictly layered chain carrying the inputs as"
            + " R(x - l) on --box instead of skip connections (§2.1, §5.5); encodes f on the box")
    boolean layered;

    @Option(names = "--allow-open", description = "build a network for an open ('?') cell anyway, with a warning")
    boolean allowOpen;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TargetFunction f = FunctionParser.parseOrRead(function);
        PrintWriter out = spec.commandLine().getOut();
        out.println("function: " + f.text() + "  (" + f.dim() + " input" + (f.dim() > 1 ? "s" : "") + ", "
                + f.shape().label() + ", Table 1 column " + f.shape().tableClass() + ")");
        if (enumerate) {
            if (!target.equals("triangle")) {
                throw new InvalidInputException("--enumerate applies to --for triangle only");
            }
            if (orientation != null) {
                throw new InvalidInputException("give either --orientation or --enumerate, not both");
            }
            if (!(f instanceof Cpwl c)) {
                throw new InvalidInputException("--enumerate needs a univariate 'cpwl: ...' function");
            }
            List<Encoding> all = Encoders.triangleOrientations(c);
            try {
                Files.createDirectories(output);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(output + ": cannot create directory: " + e.getMessage());
            }
            List<String> orientations = UnivariateForms.orientations(c.kinks().length);
            for (int k = 0; k < all.size(); k++) {
                Encoding e = all.get(k);
                String signs = orientations.get(k);
                String name = signs.isEmpty() ? "none" : signs.replace('+', 'p').replace('-', 'm');
                Path file = output.resolve("orientation_" + name + ".json");
                NetJson.write(e.network(), file);
            }
            out.println("wrote " + all.size() + " Triangle-precise networks (2^" + c.kinks().length
                    + " orientations, THEORY.md §5.4, T4) to " + output);
            out.flush();
            return 0;
        }
        Box b = box == null ? null : BoxParser.parse(box, f.dim());
        Encoding e = Encoders.encode(f, target, new Encoders.Options(orientation, augment, b, allowOpen, layered));
        NetJson.write(e.network(), output);
        out.println("construction: " + e.construction());
        out.println("reference: " + e.reference());
        out.println("network: " + e.network().reluCount() + " ReLU neurons, " + e.network().nodes().size()
                + " nodes; written to " + output);
        for (String note : e.notes()) {
            out.println("note: " + note);
        }
        out.flush();
        return 0;
    }
}
