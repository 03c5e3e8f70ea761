package org.relucert.io.vnnlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relucert.InvalidInputException;
import org.relucert.spec.Property;

/** Malformed VNN-LIB text gives one-line errors with file, line and column; edge cases parse right. */
class VnnLibReaderErrorsTest {
    private static final String HEADER = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n";

    private static String message(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VnnLibReader.parse(text, "p.vnnlib"));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing close paren | (assert (<= X_0 1)\\n(assert (>= X_0 0)) | p.vnnlib:3:1: unbalanced parentheses: '(' is never closed",
        "extra close paren | (assert (<= X_0 1)))\\n | p.vnnlib:3:20: unbalanced parentheses: ')' without a matching '('",
        "unknown operator | (assert (<= X_0 1))\\n(assert (xor (>= X_0 0)))| p.vnnlib:4:10: unknown operator 'xor'",
        "undeclared variable | (assert (<= X_1 1)) | p.vnnlib:3:13: undeclared variable 'X_1'",
        "bad number | (assert (<= X_0 1.2.3)) | p.vnnlib:3:17: bad number '1.2.3'",
        "unknown command | (check-sat) | p.vnnlib:3:1: unknown command 'check-sat'",
        "bad type | (declare-const X_1 Int) | p.vnnlib:3:20: variable 'X_1' has type 'Int'",
        "bad name | (declare-const Z Real) | p.vnnlib:3:16: variable 'Z' must be named X_i (input) or Y_j (output)",
        "mixed constraint | (assert (<= X_0 Y_0)) | p.vnnlib:3:9: constraint mixes input and output variables",
        "bare atom | (assert X_0) | p.vnnlib:3:9: expected a formula",
    })
    void malformedFileNamesLineAndColumn(String name, String body, String expectedStart) {
        String msg = message(HEADER + body.replace("\\n", "\n"));
        assertTrue(msg.startsWith(expectedStart), "got: " + msg);
    }

    @Test
    void inputWithoutUpperBoundIsRejected() {
        String msg = message(HEADER + "(assert (>= X_0 0))\n(assert (<= Y_0 0))\n");
        assertEquals("p.vnnlib: X_0 has no upper bound; every input needs both bounds", msg);
    }

    @Test
    void inputMissingBoundInOneDisjunctNamesTheCase() {
        String msg = message(HEADER + "(assert (or (and (>= X_0 0) (<= X_0 1)) (>= X_0 2)))\n");
        assertTrue(msg.contains("X_0 has no upper bound in case 2 of 2"), msg);
    }

    @Test
    void gapInDeclaredInputsIsRejected() {
        String msg = message("(declare-const X_0 Real)\n(declare-const X_2 Real)\n(declare-const Y_0 Real)\n");
        assertTrue(msg.contains("X_1 is missing"), msg);
    }

    @Test
    void blowUpBeyondTheCaseLimitIsRejected() {
        StringBuilder sb = new StringBuilder(HEADER + "(assert (<= X_0 1))\n(assert (>= X_0 0))\n");
        for (int k = 0; k < 20; k++) {
            sb.append("(assert (or (<= Y_0 ").append(k).append(") (>= Y_0 ").append(k + 100).append(")))\n");
        }
        String msg = message(sb.toString());
        assertTrue(msg.contains("more than the limit of " + VnnLibReader.MAX_CASES), msg);
        assertTrue(msg.startsWith("p.vnnlib:18:1:"), msg);
    }

    @Test
    void nestedOrInsideAndExpandsToCrossProduct() {
        Property p = VnnLibReader.parse(HEADER.replace("(declare-const Y_0 Real)", "(declare-const Y_0 Real)\n"
                + "(declare-const Y_1 Real)") + "(assert (and (or (and (>= X_0 0) (<= X_0 1)) (and (>= X_0 2) (<= X_0 3)))"
                + " (or (<= Y_0 Y_1) (>= Y_0 (+ Y_1 5)))))", "p");
        assertEquals(4, p.cases().size());
        assertEquals(2.0, p.cases().get(2).input().lower()[0]);
        assertArrayEquals(new double[] {1, -1}, p.cases().get(0).c()[0]);
        assertArrayEquals(new double[] {-1, 1}, p.cases().get(1).c()[0]);
        assertArrayEquals(new double[] {-5}, p.cases().get(1).d());
    }

    @Test
    void contradictoryInputBoxDropsTheCase() {
        Property p = VnnLibReader.parse(HEADER + "(assert (or (and (>= X_0 1) (<= X_0 0)) (and (>= X_0 0) (<= X_0 1))))"
                + "(assert (<= Y_0 3))", "p");
        assertEquals(1, p.cases().size());
        assertEquals(0.0, p.cases().get(0).input().lower()[0]);
    }

    @Test
    void scaledAndNegatedBoundsAreExact() {
        Property p = VnnLibReader.parse(HEADER + "(assert (<= (* 2 X_0) 3))(assert (>= (- X_0) -4))"
                + "(assert (>= X_0 -1e-1))(assert (<= Y_0 0))", "p");
        assertEquals(1.5, p.cases().get(0).input().upper()[0]);
        assertEquals(-0.1, p.cases().get(0).input().lower()[0]);
    }

    @Test
    void deepNestingIsRefusedWithLineAndColumnNotAStackOverflow() {
        String deep = "(assert " + "(and ".repeat(100_000) + "(<= X_0 1)" + ")".repeat(100_000) + ")\n";
        String msg = message(HEADER + deep);
        assertTrue(msg.startsWith("p.vnnlib:3:") && msg.contains("nested deeper than " + SexpParser.MAX_DEPTH),
                "got: " + msg);
    }

    @Test
    void nestingUpToTheLimitStillParses() {
        int depth = SexpParser.MAX_DEPTH - 2;
        String body = "(assert " + "(and ".repeat(depth) + "(>= X_0 0) (<= X_0 1)" + ")".repeat(depth) + ")\n";
        Property p = VnnLibReader.parse(HEADER + body + "(assert (<= Y_0 0))\n", "p.vnnlib");
        assertEquals(1, p.cases().size());
    }

    @Test
    void emptyInputBoxIsAnErrorNamingTheVariableNotASilentUnsat() {
        String msg = message(HEADER + "(assert (>= X_0 1))\n(assert (<= X_0 0))\n(assert (<= Y_0 0))\n");
        assertEquals("p.vnnlib: the input set is empty: X_0 has lower bound 1.0 above its upper bound 0.0", msg);
    }
}
