package org.relucert.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the command line in a separate JVM (for kills, signals and small heaps). */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code relucert args} with the given JVM options; stdout and stderr go to the given files. */
    static Process start(List<String> jvmOptions, Path stdout, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }
}
