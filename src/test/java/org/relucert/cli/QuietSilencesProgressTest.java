package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command with a progress display shows it on stderr (here at once: the start silence is set to 0) and
 * {@code --quiet} silences it, leaving stdout as it was.
 */
class QuietSilencesProgressTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreTheStartSilence() {
        System.clearProperty(ProgressDisplay.AFTER_PROPERTY);
    }

    private List<String> arguments(String command) throws IOException {
        Path net = dir.resolve("f3_dp0.json");
        try (InputStream in = QuietSilencesProgressTest.class.getResourceAsStream("/examples/f3_dp0.json")) {
            Files.copy(in, net);
        }
        return new ArrayList<>(switch (command) {
            case "precision" -> List.of("precision", "--net", net.toString(), "--domain", "deeppoly0", "--over=-2:3",
                    "--budget", "50", "--seed", "3");
            case "gapmap" -> List.of("gapmap", "--net", net.toString(), "--domain", "ibp", "--over=-2:3",
                    "--resolution", "11", "--plot", dir.resolve("gap.png").toString());
            case "gap" -> List.of("gap", "--net", net.toString(), "--box=-2:3", "--domain", "ibp,deeppoly0");
            case "bounds" -> List.of("bounds", "--net", net.toString(), "--box=-2:3", "--domain", "ibp,deeppoly0,triangle");
            case "bench" -> List.of("bench", "--timeout", "0.000001", "--shapes", "acasxu", "--domains", "ibp");
            case "bench lp" -> List.of("bench", "lp", "--timeout", "0.000001", "--repeats", "1");
            default -> throw new IllegalArgumentException(command);
        });
    }

    private static String[] run(List<String> args, StringWriter out, StringWriter err) {
        Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new String[] {out.toString(), err.toString()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"precision", "gapmap", "bounds", "gap", "bench", "bench lp"})
    void progressGoesToStderrAndQuietSilencesIt(String command) throws IOException {
        System.setProperty(ProgressDisplay.AFTER_PROPERTY, "0");
        List<String> args = arguments(command);
        String[] shown = run(args, new StringWriter(), new StringWriter());
        assertTrue(shown[1].contains(command + " ["), "progress on stderr: [" + shown[1] + "]");
        assertTrue(!shown[0].contains(command + " ["), "no progress on stdout: " + shown[0]);
        args.add("--quiet");
        String[] quiet = run(args, new StringWriter(), new StringWriter());
        assertEquals("", quiet[1], "--quiet leaves stderr empty");
        if (!command.startsWith("bench")) {
            // the same seeded run prints the same results, but for its timings (bench prints nothing else)
            assertEquals(shown[0].replaceAll("[0-9.]+ s\\b", "T s"), quiet[0].replaceAll("[0-9.]+ s\\b", "T s"));
        }
    }
}
