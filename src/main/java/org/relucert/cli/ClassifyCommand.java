package org.relucert.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.relucert.construct.Cpwl;
import org.relucert.construct.Encoders;
import org.relucert.construct.TargetFunction;
import org.relucert.construct.FunctionParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relucert classify}: a function's class and what Table 1 says about encoding it. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        header = "Print a function's class and which relaxations can be made precise for it.",
        description = "Print a function's class (monotone, convex, both, concave, neither; THEORY.md §2.2) and, for"
                + " each relaxation, whether relucert can build a precise network for it (Table 1, §4.1).")
final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--function", required = true, paramLabel = "F",
            description = "\"cpwl: x0:y0, ...\", \"max(...)\", \"min(...)\" or a JSON file")
    String function;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TargetFunction f = FunctionParser.parseOrRead(function);
        PrintWriter out = spec.commandLine().getOut();
        out.println("function: " + f.text());
        out.println("inputs: " + f.dim());
        out.println("class: " + f.shape().label() + " (Table 1 column " + f.shape().tableClass() + ")");
        if (f instanceof Cpwl c) {
            out.println("interval: [" + c.start() + ", " + c.end() + "], kinks: " + Arrays.toString(c.kinks()));
        }
        for (Encoders.Verdict v : Encoders.verdicts(f)) {
            out.printf("%-10s %s %s%n", v.target(), v.mark(), v.text());
        }
        out.flush();
        return 0;
    }
}
