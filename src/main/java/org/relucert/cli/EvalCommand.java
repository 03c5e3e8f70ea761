package org.relucert.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.relucert.io.BoxParser;
import org.relucert.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert eval}: the network's exact output at a point. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Print the network's output at a point.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    Inputs.NetOption net;

    @Option(names = "--point", required = true, paramLabel = "X", description = "input point \"x1,x2,...\"")
    String point;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Network network = net.load();
        double[] x = BoxParser.parsePoint(point, network.inputSize(), "--point");
        double[] y = network.evaluate(x);
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < y.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(y[i]);
        }
        out.println(sb);
        out.flush();
        return 0;
    }
}
