package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;

/**
 * Table 1 of P1 (THEORY.md §4.1) as data, with an example function per column and, per cell, the network
 * relucert builds for it (or the refusal and its reason) plus the other standard encodings of the example,
 * so that a report can check each mark with a precision search.
 */
public final class Table1 {
    /** The relaxation rows in table order (domain names as in {@link Encoders#TARGETS}). */
    public static final List<String> ROWS = List.of("ibp", "deeppoly0", "deeppoly1", "triangle", "multi");
    /** The function-class columns in table order. */
    public static final List<String> COLUMNS = List.of("CPWL", "M-CPWL", "C-CPWL", "MC-CPWL");

    private Table1() {
    }

    /** One cell: input space ("R" or "R^d"), relaxation, class, mark (✓, ✗, ?) and origin (P1, prior, open). */
    public record Cell(String space, String domain, String column, String mark, String origin) {
    }

    /** A cell with its example function, the construction (null when refused), the refusal, and other encodings. */
    public record Evidence(Cell cell, TargetFunction example, Encoding construction, String refusal,
                           List<Encoding> standardEncodings) {
    }

    /** The cells of THEORY.md §4.1: five univariate rows and the row R^d for Triangle. */
    public static List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (String d : ROWS) {
            for (String c : COLUMNS) {
                out.add(univariate(d, c));
            }
        }
        for (String c : COLUMNS) {
            out.add(new Cell("R^d", "triangle", c, "✗", "P1"));
        }
        return out;
    }

    private static Cell univariate(String domain, String column) {
        if (domain.equals("multi")) {
            return new Cell("R", domain, column, "✓", "P1");
        }
        if (domain.equals("ibp")) {
            boolean monotone = column.startsWith("M");
            return new Cell("R", domain, column, monotone ? "✓" : "✗", monotone ? "P1" : "prior");
        }
        return column.equals("CPWL") ? new Cell("R", domain, column, "?", "open") : new Cell("R", domain, column, "✓", "P1");
    }

    /**
     * The example function of a column: CPWL a zig-zag, M-CPWL the monotone example of §5.1, C-CPWL f3 of
     * §5.2, MC-CPWL an increasing convex function; in R^d max(x1, x2) (MC, hence in every class).
     */
    public static TargetFunction example(String space, String column) {
        if (space.equals("R^d")) {
            return FunctionParser.parse("max(x1, x2)");
        }
        return switch (column) {
            case "CPWL" -> FunctionParser.parse("cpwl: 0:0, 1:1, 2:0, 3:1");
            case "M-CPWL" -> FunctionParser.parse("cpwl: 0:0, 1:2, 2:2.5, 3:4");
            case "C-CPWL" -> FunctionParser.parse("cpwl: -2:2, 0:0, 1:1, 3:7");
            case "MC-CPWL" -> FunctionParser.parse("cpwl: 0:0, 1:1, 2:3");
            default -> throw new IllegalArgumentException("unknown column " + column);
        };
    }

    /** The evidence of one cell for its column's example function. */
    public static Evidence evidence(Cell cell) {
        return evidence(cell, example(cell.space(), cell.column()));
    }

    /** The evidence of one cell for a given function of the cell's class. */
    public static Evidence evidence(Cell cell, TargetFunction f) {
        Encoding construction = null;
        String refusal = null;
        try {
            construction = Encoders.encode(f, cell.domain());
        } catch (ImpossibleEncodingException e) {
            refusal = e.getMessage();
        }
        return new Evidence(cell, f, construction, refusal, standardEncodings(f));
    }

    /**
     * Every network relucert knows for f, whatever the relaxation: for a univariate f the one-hidden-layer
     * form, and where they apply the DP-0 and DP-1 forms, all Triangle orientations (up to 4 kinks) and the
     * clipped ramps with and without flip; for max/min the chain and its variants of {@link MaxMinNetworks#variants}.
     */
    public static List<Encoding> standardEncodings(TargetFunction f) {
        List<Encoding> out = new ArrayList<>();
        if (f instanceof MaxMinFunction m) {
            out.addAll(MaxMinNetworks.variants(m));
            return out;
        }
        Cpwl c = (Cpwl) f;
        out.add(new Encoding(UnivariateForms.base(c).toNetwork(), "multi", c.text(), "one hidden layer",
                "THEORY.md §3.5", List.of()));
        if (c.shape().convex()) {
            out.add(new Encoding(UnivariateForms.deepPoly0(c).toNetwork(), "deeppoly0", c.text(), "DP-0 form",
                    "THEORY.md §5.2", List.of()));
            out.add(new Encoding(UnivariateForms.deepPoly1(c).toNetwork(), "deeppoly1", c.text(), "DP-1 form",
                    "THEORY.md §5.3", List.of()));
            if (c.kinks().length <= 4) {
                out.addAll(Encoders.triangleOrientations(c));
            }
        }
        if (c.shape().monotone()) {
            out.add(new Encoding(ClippedRamps.network(c), "ibp", c.text(), "clipped ramps", "THEORY.md §5.1", List.of()));
            out.add(new Encoding(FlipTransform.apply(ClippedRamps.network(c)), "deeppoly1", c.text(),
                    "clipped ramps, flipped", "THEORY.md §5.1 + T3", List.of()));
        }
        return out;
    }
}
