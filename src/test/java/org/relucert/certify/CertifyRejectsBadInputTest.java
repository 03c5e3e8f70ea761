package org.relucert.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;
import org.relucert.cli.Main;

/** Every bad input stops the run before any job, with exit code 2 and a message naming line and field. */
class CertifyRejectsBadInputTest {
    @TempDir
    Path dir;

    private String run(String expectInMessage, String... extra) throws Exception {
        if (!Files.exists(dir.resolve("net.json"))) {
            CertifyFixtures.write(dir, 3, 4);
        }
        List<String> args = new ArrayList<>(List.of("certify", "--net", dir.resolve("net.json").toString(), "--data",
                dir.resolve("images.csv").toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--method")) {
            args.addAll(List.of("--method", "ibp"));
        }
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(expectInMessage), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(dir.resolve("out")), "nothing was written before the check");
        return err.toString();
    }

    private void corrupt(int line, String replacement) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("images.csv")));
        lines.set(line - 1, replacement);
        Files.write(dir.resolve("images.csv"), lines);
    }

    @Test
    void aRowWithTooFewPixelsNamesItsLine() throws Exception {
        CertifyFixtures.write(dir, 3, 4);
        corrupt(3, "1,0,0,0");
        run("images.csv line 3: 3 pixel values after the label, the network has 16 inputs", "--eps", "0.1");
    }

    @Test
    void aPixelAbove255NamesLineAndField() throws Exception {
        CertifyFixtures.write(dir, 3, 4);
        corrupt(2, "1" + ",0".repeat(9) + ",256" + ",0".repeat(6));
        run("line 2 field 11 (pixel 9): 256 is outside 0-255", "--eps", "0.1");
    }

    @Test
    void aNegativePixelIsRejected() throws Exception {
        CertifyFixtures.write(dir, 3, 4);
        corrupt(4, "1" + ",-1" + ",0".repeat(15));
        run("line 4 field 2 (pixel 0): -1 is outside 0-255", "--eps", "0.1");
    }

    @Test
    void aLabelOutsideTheOutputsIsRejected() throws Exception {
        CertifyFixtures.write(dir, 3, 4);
        corrupt(1, "4" + ",0".repeat(16));
        run("line 1 field 1 (label): 4 is outside the network's 4 outputs", "--eps", "0.1");
    }

    @Test
    void aZeroOrNegativeEpsIsRejected() throws Exception {
        run("every radius must be positive", "--eps", "0.1,0");
        run("every radius must be positive", "--eps=-0.01");
    }

    @Test
    void aNormalisationOfTheWrongLengthIsRejected() throws Exception {
        run("--normalise has 3 values per list but the network's 16 inputs are 1 channel(s)", "--eps", "0.1",
                "--normalise", "0.5,0.5,0.5:0.2,0.2,0.2");
        run("2 means but 1 stds", "--eps", "0.1", "--normalise", "0.5,0.5:0.2");
    }

    @Test
    void anUnknownMethodIsRejected() throws Exception {
        run("unknown method 'triangle'", "--eps", "0.1", "--method", "triangle");
    }

    @Test
    void aSecondRunOnTheSameOutIsRefusedByTheLock() throws Exception {
        Path out = dir.resolve("locked");
        try (ResultsFile first = ResultsFile.open(out, false)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ResultsFile.open(out, true));
            assertTrue(e.getMessage().contains("is in use by another certify run"), e.getMessage());
        }
        // released: a resumed run may open it now
        ResultsFile.open(out, true).close();
    }

    @Test
    void existingResultsWithoutResumeAreNotOverwritten() throws Exception {
        Path out = dir.resolve("old");
        try (ResultsFile f = ResultsFile.open(out, false)) {
            f.append(new JobResult("1", "0.1", "ibp", Verdicts.CERTIFIED, 0.5, 0.1, Certifier.VERSION, ""));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ResultsFile.open(out, false));
        assertTrue(e.getMessage().contains("use --resume"), e.getMessage());
    }
}
