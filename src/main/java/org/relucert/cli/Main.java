package org.relucert.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import org.relucert.InvalidInputException;
import org.relucert.bounds.Deadline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relucert} command line: a thin layer over the library API. */
@Command(name = "relucert", mixinStandardHelpOptions = true, version = "relucert 0.1.0",
        description = "Bounds ReLU networks with convex relaxations and decides when they are precise.",
        subcommands = {BoundsCommand.class, EvalCommand.class, DemoCommand.class, BenchCommand.class,
                GapCommand.class, PrecisionCommand.class, GapMapCommand.class, PlotCommand.class,
                ConvertCommand.class, EncodeCommand.class, TransformCommand.class, ClassifyCommand.class,
                PaperCommand.class, SearchEncodingCommand.class, ServeCommand.class,
                VerifyCommand.class, VnncompCommand.class, CertifyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a user's mistake. */
    public static final int BAD_INPUT = 2;
    /** Exit code when the time limit passed before a result could be given (as verify's "timeout"). */
    public static final int TIMED_OUT = 12;
    /** Exit code for an internal error. */
    public static final int INTERNAL = 1;

    /** Per thread running a command, the System.nanoTime() at which its clock started. */
    private static final ThreadLocal<Long> STARTED = ThreadLocal.withInitial(System::nanoTime);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Seconds since the command started: from the start of the JVM for the process entry point {@link #main}
     * (the wall time VNN-COMP measures, start-up and reading included), from the call of {@link #run} for
     * embedded calls.
     */
    static double elapsedSeconds() {
        return (System.nanoTime() - STARTED.get()) / 1e9;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        long sinceJvmStart = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.nanoTime() - Math.max(0, sinceJvmStart)));
    }

    /** Exit code 1 with a one-line message naming the heap limit. */
    private static int outOfMemory(PrintWriter err) {
        err.println("relucert: error: out of memory (Java heap limit " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB); no result was computed. Give the JVM more memory (java -Xmx...) or use a smaller network"
                + " or box.");
        return INTERNAL;
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.nanoTime());
    }

    /** Runs the CLI as a process that started at {@code started} (System.nanoTime()): its time limits count from there. */
    static int run(String[] args, PrintWriter out, PrintWriter err, long started) {
        STARTED.set(started);
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(e -> e instanceof InvalidInputException ? BAD_INPUT
                : e instanceof Deadline.Expired ? TIMED_OUT : INTERNAL);
        cmd.setParameterExceptionHandler((ex, a) -> ParameterErrors.report(ex, err));
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InvalidInputException) {
                err.println("relucert: error: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof Deadline.Expired) {
                err.println("relucert: " + ex.getMessage() + " before a result could be given (raise --timeout, 0 for none)");
                return TIMED_OUT;
            }
            err.println("relucert: internal error: " + ex);
            ex.printStackTrace(err);
            return INTERNAL;
        });
        int code;
        try {
            code = cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // the command's data is unreachable now; report without a stack trace and without a verdict
            code = outOfMemory(err);
        }
        out.flush();
        err.flush();
        return code;
    }
}
