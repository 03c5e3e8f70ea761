package org.relucert.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relucert.InvalidInputException;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert convert IN -o OUT}: converts between ONNX and relucert-net/1 JSON. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a network between ONNX and relucert-net/1 JSON.",
                "The format of each file follows its ending: .onnx is ONNX, anything else JSON."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "network to read (.onnx or JSON)")
    Path in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "file to write (.onnx or JSON)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InvalidInputException(out + ": output would overwrite the input");
        }
        Network net = NetworkFiles.read(in);
        NetworkFiles.write(net, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out + " (" + (NetworkFiles.isOnnx(out) ? "ONNX" : "relucert-net/1 JSON") + "): "
                + net.inputSize() + " inputs, " + net.outputSize() + " outputs, " + net.nodes().size()
                + " nodes, " + net.reluCount() + " ReLUs");
        w.flush();
        return 0;
    }
}
