package org.relucert.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.InvalidInputException;
import org.relucert.net.Box;

/** Boxes from --box text and --box-file JSON: valid ones parse, bad ones get a message saying what is wrong. */
class BoxParserRejectsBadBoxesTest {

    private static void assertRejected(String text, int dim, String... parts) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BoxParser.parse(text, dim));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void negativeAndExponentBoundsParse() {
        Box b = BoxParser.parse("-1:2, -1e-3:-1e-4,0:0", 3);
        assertArrayEquals(new double[] {-1, -1e-3, 0}, b.lower());
        assertArrayEquals(new double[] {2, -1e-4, 0}, b.upper());
    }

    @Test
    void lowerAboveUpperNamesTheDimension() {
        assertRejected("0:1,3:2", 2, "--box", "dimension 2", "lower 3.0 > upper 2.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"0:Infinity", "NaN:1", "-1e999:0"})
    void nonFiniteBoundIsRejected(String text) {
        assertRejected(text, 1, "--box", "dimension 1", "not finite");
    }

    @Test
    void wrongDimensionIsRejected() {
        assertRejected("0:1,0:1", 3, "--box", "2 dimensions", "3 inputs");
    }

    @Test
    void textThatIsNotANumberIsRejected() {
        assertRejected("0:one", 1, "dimension 1 upper", "not a number");
        assertRejected("0", 1, "dimension 1", "lower:upper");
    }

    @Test
    void pointsMustBeFiniteAndOfTheRightDimension() {
        assertArrayEquals(new double[] {0.5, -2}, BoxParser.parsePoint("0.5, -2", 2, "--point"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BoxParser.parsePoint("1,Infinity", 2, "--point"));
        assertTrue(e.getMessage().contains("entry 2 is not finite"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> BoxParser.parsePoint("1", 2, "--point"));
        assertTrue(e.getMessage().contains("1 entries"), e.getMessage());
    }

    @Test
    void boxFileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("box.json");
        Files.writeString(f, "{\"lower\": [0, 2], \"upper\": [1, 1]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BoxParser.read(f, 2));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("dimension 2"), e.getMessage());

        Files.writeString(f, "{\"lower\": [0], \"upper\": [1e999]}");
        e = assertThrows(InvalidInputException.class, () -> BoxParser.read(f, 1));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not finite"), e.getMessage());

        Files.writeString(f, "{\"lower\": [0], \"upper\": [1]}");
        e = assertThrows(InvalidInputException.class, () -> BoxParser.read(f, 2));
        assertTrue(e.getMessage().contains("1 dimensions"), e.getMessage());

        Files.writeString(f, "{\"lower\": [0]}");
        e = assertThrows(InvalidInputException.class, () -> BoxParser.read(f, 1));
        assertTrue(e.getMessage().contains("field 'upper'"), e.getMessage());
    }

    @Test
    void boxFileParses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("box.json");
        Files.writeString(f, "{\"lower\": [-1, 0.5], \"upper\": [1, 0.75]}");
        Box b = BoxParser.read(f, 2);
        assertArrayEquals(new double[] {-1, 0.5}, b.lower());
        assertArrayEquals(new double[] {1, 0.75}, b.upper());
    }
}
