package org.relucert.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code relucert bench}: speed benchmarks that print medians and ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: median times of the bound computations on random networks.",
        subcommands = {BenchLpCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
