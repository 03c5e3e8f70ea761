package org.relucert.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;

/**
 * Network and box files that Jackson's defaults accept silently (trailing content, repeated keys) or fail
 * on with a NullPointerException in our message (nesting and number limits) get one-line errors naming the
 * file, as the reproducers json_trailing_garbage.json and json_nesting_npe.json showed.
 */
class StrictJsonRefusesHostileFilesTest {
    private static final String NET = "{\"format\": \"relucert-net/1\", \"inputs\": 1, \"nodes\": ["
            + "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"input\"]}], \"output\": \"r\"}";

    private static String netError(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetJson.parse(text, "n.json"));
        assertTrue(e.getMessage().startsWith("n.json: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theValidNetworkStillParses() {
        assertEquals(1, NetJson.parse(NET, "n.json").nodes().size());
    }

    @Test
    void trailingContentAfterTheNetworkIsAnError() {
        assertTrue(netError(NET + " {\"x\": 1}").contains("malformed JSON"));
        assertTrue(netError(NET + "]").contains("malformed JSON"));
    }

    @Test
    void aRepeatedKeyIsAnErrorNotLastOneWins() {
        String twice = NET.replace("\"inputs\": 1,", "\"inputs\": 1, \"inputs\": 2,");
        assertTrue(netError(twice).contains("Duplicate field 'inputs'"), netError(twice));
    }

    @Test
    void deepNestingIsAnErrorWithoutAStackTrace() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertTrue(netError(deep).contains("nesting depth"), netError(deep));
    }

    @Test
    void aNumberOfThousandsOfDigitsIsAnError() {
        String huge = NET.replace("\"inputs\": 1", "\"inputs\": 1" + "0".repeat(5000));
        assertTrue(netError(huge).contains("malformed JSON"), netError(huge));
    }

    @Test
    void anEmptyFileIsAnError() {
        assertTrue(netError("   ").contains("empty file"), netError("  "));
    }

    @Test
    void boxFilesAreJustAsStrict(@TempDir Path dir) throws Exception {
        Path box = dir.resolve("b.json");
        Files.writeString(box, "{\"lower\": [0], \"upper\": [1]} trailing");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BoxParser.read(box, 1));
        assertTrue(e.getMessage().startsWith(box + ": malformed JSON"), e.getMessage());
        Files.writeString(box, "{\"lower\": [0], \"upper\": [1], \"lower\": [-5]}");
        e = assertThrows(InvalidInputException.class, () -> BoxParser.read(box, 1));
        assertTrue(e.getMessage().contains("Duplicate field 'lower'"), e.getMessage());
    }
}
