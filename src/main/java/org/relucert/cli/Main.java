package org.relucert.cli;

import java.io.PrintWriter;
import org.relucert.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relucert} command line: a thin layer over the library API. */
@Command(name = "relucert", mixinStandardHelpOptions = true, version = "relucert 0.1.0",
        description = "Bounds ReLU networks with convex relaxations and decides when they are precise.",
        subcommands = {BoundsCommand.class, EvalCommand.class, DemoCommand.class, BenchCommand.class,
                GapCommand.class, PrecisionCommand.class, GapMapCommand.class, PlotCommand.class,
                ConvertCommand.class, EncodeCommand.class, TransformCommand.class, ClassifyCommand.class,
                PaperCommand.class, ServeCommand.class,
                VerifyCommand.class, VnncompCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a user's mistake. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(e -> e instanceof InvalidInputException ? BAD_INPUT : INTERNAL);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("relucert: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InvalidInputException) {
                err.println("relucert: error: " + ex.getMessage());
                return BAD_INPUT;
            }
            err.println("relucert: internal error: " + ex);
            ex.printStackTrace(err);
            return INTERNAL;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
