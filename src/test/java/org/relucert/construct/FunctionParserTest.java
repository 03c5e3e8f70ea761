package org.relucert.construct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.InvalidInputException;

class FunctionParserTest {

    @Test
    void absoluteValueIsConvexNotMonotone() {
        Cpwl f = (Cpwl) FunctionParser.parse("cpwl: -1:1, 0:0, 1:1");
        assertArrayEquals(new double[] {-1, 0, 1}, f.xs());
        assertEquals(0.5, f.at(-0.5), 0);
        Shape s = f.shape();
        assertTrue(s.convex());
        assertFalse(s.monotone());
        assertEquals("convex", s.label());
        assertEquals("C-CPWL", s.tableClass());
    }

    @Test
    void collinearPointsAreNotKinks() {
        Cpwl f = (Cpwl) FunctionParser.parse("cpwl: -2:2, -1:1, 0:0, 1:1, 2:3, 3:5");
        assertArrayEquals(new double[] {0, 1}, f.kinks());
        assertEquals("both", ((Cpwl) FunctionParser.parse("cpwl: 0:0, 1:1, 2:3")).shape().label());
        assertEquals("monotone", ((Cpwl) FunctionParser.parse("cpwl: 0:0, 1:2, 2:2.5, 3:4")).shape().label());
        assertEquals("neither", ((Cpwl) FunctionParser.parse("cpwl: 0:0, 1:1, 2:0, 3:1")).shape().label());
        assertEquals("concave", ((Cpwl) FunctionParser.parse("cpwl: -1:-1, 0:0, 1:-1")).shape().label());
    }

    @Test
    void exactRangeUsesInteriorBreakpoints() {
        Cpwl f3 = (Cpwl) FunctionParser.parse("cpwl: -2:2, 0:0, 1:1, 3:7");
        assertArrayEquals(new double[] {0, 4}, f3.range(-1, 2), 1e-12);
        assertArrayEquals(new double[] {0.5, 1.5}, f3.range(-1.5, -0.5), 1e-12);
        assertArrayEquals(new double[] {0, 7}, f3.range(-2, 3), 1e-12);
    }

    @Test
    void badPointsGiveOneLineMessages() {
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("cpwl: 0:0"), "fewer than 2 points");
        InvalidInputException unsorted = assertThrows(InvalidInputException.class,
                () -> FunctionParser.parse("cpwl: 0:0, 2:1, 1:3"));
        assertTrue(unsorted.getMessage().contains("strictly increasing"), unsorted.getMessage());
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("cpwl: 0:0, 1:NaN"));
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("cpwl: 0:0, 1:Infinity"));
        InvalidInputException word = assertThrows(InvalidInputException.class, () -> FunctionParser.parse("cpwl: 0:0, a:1"));
        assertTrue(word.getMessage().contains("'a' is not a number"), word.getMessage());
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("cpwl: 0:0, 1"));
    }

    @Test
    void maxOfAffineTermsParsesAndEvaluates() {
        MaxMinFunction f = (MaxMinFunction) FunctionParser.parse("max(x1, x2, 0.5*x1+x2-1)");
        assertEquals(2, f.dim());
        assertEquals(1.0, f.evaluate(new double[] {1, 0.2}), 0);
        assertEquals(2.0, f.evaluate(new double[] {2, 1.5}), 1e-15);
        assertTrue(f.shape().convex());
        assertTrue(f.shape().monotone());
        MaxMinFunction g = (MaxMinFunction) FunctionParser.parse("min(-2x1 + 3, max(x2, 1e-1 * x3))");
        assertEquals(3, g.dim());
        assertEquals(-1.0, g.evaluate(new double[] {2, 0, 0}), 0);
        assertFalse(g.shape().convex());
        assertEquals("max(x1, -x1)", FunctionParser.parse("max(x1, -x1)").text());
        assertFalse(FunctionParser.parse("max(x1, -x1)").shape().monotone());
    }

    @Test
    void syntaxErrorsNamePositionAndExpectation() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FunctionParser.parse("max(x1, )"));
        assertTrue(e.getMessage().contains("position 9"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a number, a variable"), e.getMessage());
        InvalidInputException open = assertThrows(InvalidInputException.class, () -> FunctionParser.parse("max(x1, x2"));
        assertTrue(open.getMessage().contains("expected ',' or ')'"), open.getMessage());
        InvalidInputException trailing = assertThrows(InvalidInputException.class, () -> FunctionParser.parse("max(x1) y"));
        assertTrue(trailing.getMessage().contains("expected end of input"), trailing.getMessage());
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("max(x0, x1)"));
        assertThrows(InvalidInputException.class, () -> FunctionParser.parse("max(2*, x1)"));
    }

    @Test
    void jsonFilesGiveCpwlOrExpression(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("f.json");
        Files.writeString(a, "{\"cpwl\": [[-1, 1], [0, 0], [1, 1]]}");
        assertInstanceOf(Cpwl.class, FunctionParser.parseOrRead(a.toString()));
        Path b = dir.resolve("g.json");
        Files.writeString(b, "{\"function\": \"max(x1, x2)\"}");
        assertEquals(2, FunctionParser.parseOrRead(b.toString()).dim());
        Path c = dir.resolve("bad.json");
        Files.writeString(c, "{\"cpwl\": [[0, 0], [0, 1]]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FunctionParser.parseOrRead(c.toString()));
        assertTrue(e.getMessage().startsWith(c.toString()), e.getMessage());
        assertThrows(InvalidInputException.class, () -> FunctionParser.parseOrRead(dir.resolve("none.json").toString()));
    }
}
