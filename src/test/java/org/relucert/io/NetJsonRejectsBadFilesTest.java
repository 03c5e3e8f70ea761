package org.relucert.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.InvalidInputException;
import org.relucert.net.Network;

/** The relucert-net/1 reader reports each kind of bad file in one line naming the file, node and field. */
class NetJsonRejectsBadFilesTest {
    private static final String FILE = "bad-net.json";

    /** A valid two-node network whose pieces the cases replace. */
    private static String net(String format, String nodes, String output) {
        return "{\"format\": " + format + ", \"inputs\": 2, \"nodes\": [" + nodes + "]" + output + "}";
    }

    private static final String H = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
            + "\"weight\": [[1, -1]], \"bias\": [0]}";
    private static final String R = "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"h\"]}";
    private static final String OUT = ", \"output\": \"r\"";
    private static final String FMT = "\"relucert-net/1\"";

    private static String message(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetJson.parse(text, FILE));
        String m = e.getMessage();
        assertTrue(m.startsWith(FILE + ": "), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + message + "' should mention " + p);
        }
    }

    @Test
    void validFileParses() {
        Network n = NetJson.parse(net(FMT, H + "," + R, OUT), FILE);
        assertEquals(2, n.nodes().size());
        assertEquals(1.0, n.evaluate(new double[] {3, 2})[0]);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertMentions(message("{\"format\": \"relucert-net/1\",\n \"inputs\": 2,,}"), "malformed JSON", "line 2");
    }

    @Test
    void unknownFormatNamesFormatField() {
        assertMentions(message(net("\"relucert-net/9\"", H, OUT)), "field 'format'", "relucert-net/9");
    }

    @Test
    void unknownOpNamesNodeAndOpField() {
        String bad = "{\"name\": \"s\", \"op\": \"sigmoid\", \"from\": [\"h\"]}";
        assertMentions(message(net(FMT, H + "," + bad, OUT)), "node 's'", "field 'op'", "sigmoid");
    }

    @Test
    void unknownFromNamesNodeFieldAndSource() {
        String bad = "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"nowhere\"]}";
        assertMentions(message(net(FMT, H + "," + bad, OUT)), "node 'r'", "field 'from'", "unknown node 'nowhere'");
    }

    @Test
    void laterDefinedFromSaysItIsDefinedLater() {
        assertMentions(message(net(FMT, R + "," + H, OUT)), "node 'r'", "field 'from'", "'h' is defined later");
    }

    @Test
    void raggedWeightNamesTheRow() {
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, -1], [1]], \"bias\": [0, 0]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "node 'h'", "field 'weight'", "row 2 has 1 entries",
                "expected 2");
    }

    @Test
    void weightWiderThanSourcesIsRejected() {
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, -1, 3]], \"bias\": [0]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "node 'h'", "field 'weight'", "expected 2");
    }

    @Test
    void biasOfWrongLengthIsRejected() {
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, -1]], \"bias\": [0, 1]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "node 'h'", "field 'bias'", "2 entries", "1 rows");
    }

    @Test
    void reluWithTwoSourcesIsRejected() {
        String bad = "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"h\", \"input\"]}";
        assertMentions(message(net(FMT, H + "," + bad, OUT)), "node 'r'", "field 'from'", "exactly one source");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"1e999", "-1e999", "huge integer"})
    void nonFiniteWeightIsRejected(String written) {
        String number = written.equals("huge integer") ? "1" + "0".repeat(400) : written;
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, " + number + "]], \"bias\": [0]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "node 'h'", "field 'weight'", "not finite");
    }

    @Test
    void nonFiniteBiasIsRejected() {
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, 1]], \"bias\": [-1e400]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "node 'h'", "field 'bias'", "not finite");
    }

    @Test
    void nanLiteralIsMalformedJson() {
        String bad = "{\"name\": \"h\", \"op\": \"affine\", \"from\": [\"input\"], "
                + "\"weight\": [[1, NaN]], \"bias\": [0]}";
        assertMentions(message(net(FMT, bad + "," + R, OUT)), "malformed JSON");
    }

    @Test
    void duplicateNameIsRejected() {
        String dup = "{\"name\": \"h\", \"op\": \"relu\", \"from\": [\"h\"]}";
        assertMentions(message(net(FMT, H + "," + dup, OUT)), "node 'h'", "field 'name'", "duplicate");
    }

    @Test
    void inputsMustBeAPositiveInt() {
        for (String inputs : new String[] {"0", "2.5", "99999999999", "\"two\""}) {
            String text = net(FMT, H + "," + R, OUT).replace("\"inputs\": 2", "\"inputs\": " + inputs);
            assertMentions(message(text), "field 'inputs'");
        }
    }

    @Test
    void missingOutputIsRejected() {
        assertMentions(message(net(FMT, H + "," + R, "")), "field 'output'", "missing");
    }

    @Test
    void unknownOutputIsRejected() {
        assertMentions(message(net(FMT, H + "," + R, ", \"output\": \"z\"")), "field 'output'", "unknown node 'z'");
    }

    /** A 1x3x3 input, conv 2x2 to 2 channels (2x2 each), relu, add of conv and relu; pieces replaced by cases. */
    private static String convNet(String convFields, String addFields) {
        String conv = "{\"name\": \"c\", \"op\": \"conv\", \"from\": [\"input\"], " + convFields + "}";
        String relu = "{\"name\": \"r\", \"op\": \"relu\", \"from\": [\"c\"]}";
        String add = "{\"name\": \"s\", \"op\": \"add\", " + addFields + "}";
        return "{\"format\": " + FMT + ", \"inputs\": 9, \"nodes\": [" + conv + "," + relu + "," + add
                + "], \"output\": \"s\"}";
    }

    private static final String CONV = "\"input_shape\": [1, 3, 3], \"kernel\": [2, 2], \"stride\": [1, 1], "
            + "\"pads\": [0, 0, 0, 0], \"dilation\": [1, 1], \"groups\": 1, "
            + "\"weight\": [[[[1, 0], [0, -1]]], [[[0.5, 0.5], [0.5, 0.5]]]], \"bias\": [0, 1]";
    private static final String ADD = "\"from\": [\"c\", \"r\"], \"shape\": [2, 2, 2]";

    @Test
    void validConvNetworkParses() {
        Network n = NetJson.parse(convNet(CONV, ADD), FILE);
        double[] y = n.evaluate(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(8, y.length);
        assertEquals(1 - 5, y[0]);
        assertEquals(2 * (0.5 * (1 + 2 + 4 + 5) + 1), y[4]);
        Network defaults = NetJson.parse(convNet("\"input_shape\": [1, 3, 3], \"kernel\": [2, 2], "
                + "\"weight\": [[[[1, 0], [0, -1]]], [[[0.5, 0.5], [0.5, 0.5]]]], \"bias\": [0, 1]",
                "\"from\": [\"c\", \"r\"]"), FILE);
        assertEquals(n.evaluate(new double[9])[4], defaults.evaluate(new double[9])[4]);
    }

    @Test
    void convInputShapeMustMatchTheSource() {
        assertMentions(message(convNet(CONV.replace("[1, 3, 3]", "[1, 2, 3]"), ADD)), "node 'c'",
                "field 'input_shape'", "6 entries", "'input' has 9");
    }

    @Test
    void convMissingKernelIsNamed() {
        assertMentions(message(convNet(CONV.replace("\"kernel\": [2, 2], ", ""), ADD)), "node 'c'", "field 'kernel'",
                "missing");
    }

    @Test
    void convStrideMustBePositiveIntegers() {
        assertMentions(message(convNet(CONV.replace("\"stride\": [1, 1]", "\"stride\": [0, 1.5]"), ADD)),
                "node 'c'", "field 'stride'", "2 integers >= 1");
    }

    @Test
    void convPadsNeedFourEntries() {
        assertMentions(message(convNet(CONV.replace("[0, 0, 0, 0]", "[0, 0]"), ADD)), "node 'c'", "field 'pads'",
                "4 integers >= 0");
    }

    @Test
    void convKernelRowOfTheWrongWidthIsNamed() {
        assertMentions(message(convNet(CONV.replace("[0, -1]", "[0, -1, 2]"), ADD)), "node 'c'", "field 'weight'",
                "entry [1][1][2]", "2 numbers (kernel width)");
    }

    @Test
    void convWeightWithTooManyInputChannelsIsNamed() {
        assertMentions(message(convNet(CONV.replace("[[[1, 0], [0, -1]]]", "[[[1, 0], [0, -1]], [[1, 0], [0, -1]]]"),
                ADD)), "node 'c'", "field 'weight'", "entry [1]", "1 input channels");
    }

    @Test
    void convBiasMustHaveOneEntryPerOutputChannel() {
        assertMentions(message(convNet(CONV.replace("\"bias\": [0, 1]", "\"bias\": [0]"), ADD)), "node 'c'",
                "field 'bias'", "1 entries", "2 output channels");
    }

    @Test
    void convGroupsMustDivideTheChannels() {
        assertMentions(message(convNet(CONV.replace("\"groups\": 1", "\"groups\": 2"), ADD)), "node 'c'",
                "field 'groups'", "not divisible into 2 groups");
    }

    @Test
    void convKernelLargerThanTheInputIsRejected() {
        String big = "\"input_shape\": [1, 3, 3], \"kernel\": [1, 4], \"weight\": [[[[1, 2, 3, 4]]]], \"bias\": [0]";
        assertMentions(message(convNet(big, "\"from\": [\"c\", \"r\"]")), "node 'c'", "1x4 kernel", "does not fit the 3x3 input");
    }

    @Test
    void convTakesOneSource() {
        assertMentions(message(convNet(CONV, ADD).replace(
                "\"from\": [\"input\"]", "\"from\": [\"input\", \"input\"]")), "node 'c'", "field 'from'",
                "exactly one source");
    }

    @Test
    void addNeedsTwoSourcesOfOneSize() {
        assertMentions(message(convNet(CONV, "\"from\": [\"c\"]")), "node 's'", "field 'from'", "at least two");
        assertMentions(message(convNet(CONV, "\"from\": [\"c\", \"input\"]")), "node 's'", "field 'from'",
                "source 'input' has 9 entries but 'c' has 8");
    }

    @Test
    void addShapeMustMatchTheSources() {
        assertMentions(message(convNet(CONV, "\"from\": [\"c\", \"r\"], \"shape\": [2, 2]")), "node 's'",
                "field 'shape'", "4 entries", "sources have 8");
    }

    @Test
    void addTakesNoWeight() {
        assertMentions(message(convNet(CONV, ADD + ", \"weight\": [[1]]")), "node 's'", "field 'weight'",
                "add nodes take no weight");
    }

    @Test
    void missingFileIsReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("absent.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetJson.read(missing));
        assertMentions(e.getMessage(), missing.toString(), "no such file");
    }

    @Test
    void readingAFileNamesThatFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, net("\"other\"", H, OUT));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetJson.read(file));
        assertMentions(e.getMessage(), file.toString(), "field 'format'");
    }
}
