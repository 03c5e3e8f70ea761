package org.relucert.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.relucert.NearestName;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports a mistake in its arguments: picocli's message, and for an unknown option the
 * option it most likely meant. An unknown option is named even when picocli reports something else first (a
 * required option missing because it was misspelt: {@code --nett} for {@code --net}), and suggested by edit
 * distance where picocli's own similarity finds nothing ({@code --bx} for {@code --box}). The usage follows
 * only when there is no suggestion.
 */
final class ParameterErrors {
    private ParameterErrors() {
    }

    /** Prints the report of {@code ex} on {@code err}; returns the exit code for bad input. */
    static int report(ParameterException ex, PrintWriter err) {
        CommandLine c = ex.getCommandLine();
        List<String> unmatched = c.getUnmatchedArguments();
        boolean suggested = false;
        if (!(ex instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
            err.println("relucert: " + new UnmatchedArgumentException(c, unmatched).getMessage());
            suggested = suggest(c, unmatched, err);
        }
        err.println("relucert: " + ex.getMessage());
        if (!suggested && ex instanceof UnmatchedArgumentException u) {
            suggested = UnmatchedArgumentException.printSuggestions(u, err) || suggest(c, u.getUnmatched(), err);
        }
        if (!suggested) {
            c.usage(err);
        }
        return Main.BAD_INPUT;
    }

    /** "Possible solutions: --box" for each unknown option near a known one; false when there is none. */
    private static boolean suggest(CommandLine c, List<String> unmatched, PrintWriter err) {
        List<String> options = new ArrayList<>(c.getCommandSpec().optionsMap().keySet());
        List<String> near = new ArrayList<>();
        for (String arg : unmatched) {
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String n = NearestName.of(name, options);
                if (n != null && !near.contains(n)) {
                    near.add(n);
                }
            }
        }
        if (near.isEmpty()) {
            return false;
        }
        err.println("Possible solutions: " + String.join(", ", near));
        return true;
    }
}
